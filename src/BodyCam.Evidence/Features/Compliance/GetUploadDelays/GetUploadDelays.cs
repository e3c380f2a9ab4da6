using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Compliance;

/// <summary>
/// How long recordings took to reach the server: from the recorded end to receipt of the last byte, for recordings
/// that ended in [from, to) (default: the 30 days before now), per dock and per officer. Recordings without a
/// recorded end cannot be measured and are left out. A negative delay (a camera clock ahead) is shown as it is.
/// Supervisors see their unit's recordings, custodians every recording.
/// </summary>
[RequiresRole(Roles.Supervisor, Roles.Custodian)]
public sealed record GetUploadDelays([FromQuery(Name = "from")] string? From, [FromQuery(Name = "to")] string? To) : IQuery<UploadDelayReport>
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);
}

public sealed record UploadDelayReport(
    DateTimeOffset From, DateTimeOffset To, int Count, double? MedianSeconds, double? P95Seconds, double? MaxSeconds,
    IReadOnlyList<DockDelays> Docks, IReadOnlyList<OfficerDelays> Officers);

public sealed record DockDelays(Guid DockId, string? DockName, int Count, double MedianSeconds, double P95Seconds, double MaxSeconds);

public sealed record OfficerDelays(string? OfficerId, int Count, double MedianSeconds, double P95Seconds, double MaxSeconds);

internal sealed class GetUploadDelaysHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : IQueryHandler<GetUploadDelays, UploadDelayReport>
{
    public async ValueTask<UploadDelayReport> Handle(GetUploadDelays query, CancellationToken cancellationToken)
    {
        var to = ComplianceParameters.Instant(query.To) ?? clock.GetUtcNow().ToUniversalTime();
        var from = ComplianceParameters.Instant(query.From) ?? to - GetUploadDelays.DefaultPeriod;
        var rows = await db.EvidenceItems.AsNoTracking().VisibleTo(caller)
            .Where(e => e.Recording.RecordedEnd >= from && e.Recording.RecordedEnd < to)
            .Select(e => new { e.DockId, e.Recording.OfficerId, RecordedEnd = e.Recording.RecordedEnd!.Value, e.ReceivedAt })
            .ToListAsync(cancellationToken);
        var delays = rows.Select(r => new { r.DockId, r.OfficerId, Seconds = (r.ReceivedAt - r.RecordedEnd).TotalSeconds }).ToList();
        var dockIds = delays.Select(d => d.DockId).Distinct().ToList();
        var dockNames = await db.Docks.AsNoTracking().Where(d => dockIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);

        var overall = Sorted(delays.Select(d => d.Seconds));
        var docks = delays.GroupBy(d => d.DockId)
            .Select(g => (g.Key, Seconds: Sorted(g.Select(d => d.Seconds))))
            .Select(g => new DockDelays(g.Key, dockNames.GetValueOrDefault(g.Key), g.Seconds.Count, Percentiles.Of(g.Seconds, 0.5), Percentiles.Of(g.Seconds, 0.95), g.Seconds[^1]))
            .OrderByDescending(d => d.P95Seconds).ThenBy(d => d.DockId)
            .ToList();
        var officers = delays.GroupBy(d => d.OfficerId)
            .Select(g => (g.Key, Seconds: Sorted(g.Select(d => d.Seconds))))
            .Select(g => new OfficerDelays(g.Key, g.Seconds.Count, Percentiles.Of(g.Seconds, 0.5), Percentiles.Of(g.Seconds, 0.95), g.Seconds[^1]))
            .OrderByDescending(o => o.P95Seconds).ThenBy(o => o.OfficerId, StringComparer.Ordinal)
            .ToList();
        return overall.Count == 0
            ? new UploadDelayReport(from, to, 0, null, null, null, docks, officers)
            : new UploadDelayReport(from, to, overall.Count, Percentiles.Of(overall, 0.5), Percentiles.Of(overall, 0.95), overall[^1], docks, officers);
    }

    private static List<double> Sorted(IEnumerable<double> seconds) => [.. seconds.Order()];
}
