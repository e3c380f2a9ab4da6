using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Recordings;

/// <summary>Recordings by officer, camera, trigger time and whether the system rejected them, newest first.</summary>
[RequiresRole(Roles.Custodian)]
public sealed record GetRecordings(string? OfficerId, string? DeviceSerial, DateTimeOffset? From, DateTimeOffset? To, bool? Rejected, int Limit = 50)
    : IQuery<RecordingList>;

public sealed record RecordingList(IReadOnlyList<RecordingSummary> Items);

public sealed record RecordingSummary(
    Guid Id, string ContainerName, string? OfficerId, string? DeviceSerial, string? ScuSerial, DateTimeOffset? TriggerOnTime, string Status, bool Rejected, int Clips);

internal sealed class GetRecordingsHandler(EvidenceDb db) : IQueryHandler<GetRecordings, RecordingList>
{
    public async ValueTask<RecordingList> Handle(GetRecordings query, CancellationToken cancellationToken)
    {
        var recordings = db.Recordings.AsNoTracking();
        if (query.OfficerId is { } officerId)
        {
            recordings = recordings.Where(r => r.OfficerId == officerId);
        }
        if (query.DeviceSerial is { } deviceSerial)
        {
            recordings = recordings.Where(r => r.DeviceSerial == deviceSerial);
        }
        if (query.From is { } from)
        {
            recordings = recordings.Where(r => r.TriggerOnTime >= from);
        }
        if (query.To is { } to)
        {
            recordings = recordings.Where(r => r.TriggerOnTime < to);
        }
        if (query.Rejected is { } rejected)
        {
            recordings = recordings.Where(r => r.Rejected == rejected);
        }
        var items = await recordings
            .OrderByDescending(r => r.TriggerOnTime).ThenByDescending(r => r.Id)
            .Take(query.Limit)
            .Select(r => new RecordingSummary(
                r.Id, r.ContainerName, r.OfficerId, r.DeviceSerial, r.ScuSerial, r.TriggerOnTime, r.Status.ToString(), r.Rejected,
                db.EvidenceItems.Count(e => e.RecordingId == r.Id)))
            .ToListAsync(cancellationToken);
        return new RecordingList(items);
    }
}
