using System.Globalization;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>
/// The evidence items that may be the footage a request asks for, for a supervisor or custodian to weigh before
/// attaching them: the evidence search (<see cref="GetEvidenceItems"/>, within the caller's scope) by every criterion
/// the request names — officer, time window, case, and place (items whose GNSS track passes within the radius). A
/// complaint reference is searched as the items' text (notes, bookmarks, case titles) only when nothing else is named.
/// </summary>
[RequiresRole(Roles.Supervisor, Roles.Custodian)]
public sealed record FindFootage(Guid RequestId) : IQuery<FootageCandidates>;

/// <summary>
/// The candidates, newest recording first, at most the evidence search's largest page (200);
/// <see cref="HasMore"/> when the search found more than are shown; <see cref="Attached"/> the items already attached.
/// </summary>
public sealed record FootageCandidates(IReadOnlyList<EvidenceSummary> Items, bool HasMore, IReadOnlyList<Guid> Attached);

internal sealed class FindFootageHandler(EvidenceDb db, ICurrentActor caller, IMediator mediator) : IQueryHandler<FindFootage, FootageCandidates>
{
    public async ValueTask<FootageCandidates> Handle(FindFootage query, CancellationToken cancellationToken)
    {
        var request = await db.FindFootageRequestAsync(caller, query.RequestId, "search for footage", cancellationToken);
        var area = request.HasPlace ? new FootageArea(request.Latitude!.Value, request.Longitude!.Value, request.RadiusMetres!.Value) : null;
        var namesMore = request.OfficerId is not null || request.CaseNumber is not null || request.From is not null || area is not null;
        var page = await mediator.Send(
            new GetEvidenceItems(
                request.OfficerId, null, null, request.From?.ToString("O"), request.To?.ToString("O"), null, request.CaseNumber, null,
                namesMore ? null : request.ComplaintReference, area?.Bbox(), null, EvidenceSearchFilter.MaxLimit.ToString(CultureInfo.InvariantCulture)),
            cancellationToken);
        var items = area is null ? page.Items : await WithinAsync(page.Items, area, cancellationToken);
        var attached = await db.FootageRequestItems.AsNoTracking()
            .Where(i => i.FootageRequestId == request.Id)
            .Select(i => i.EvidenceId)
            .ToListAsync(cancellationToken);
        return new FootageCandidates(items, page.NextCursor is not null, attached);
    }

    /// <summary>The items whose recording's track has a point within the circle, not only within the box around it.</summary>
    private async Task<IReadOnlyList<EvidenceSummary>> WithinAsync(IReadOnlyList<EvidenceSummary> items, FootageArea area, CancellationToken cancellationToken)
    {
        var recordings = items.Select(i => i.RecordingId).OfType<Guid>().Distinct().ToList();
        var (west, south, east, north) = area.Box();
        var points = await db.GnssPoints.AsNoTracking()
            .Where(p => recordings.Contains(p.RecordingId) && p.Longitude >= west && p.Latitude >= south && p.Longitude <= east && p.Latitude <= north)
            .Select(p => new { p.RecordingId, p.Latitude, p.Longitude })
            .ToListAsync(cancellationToken);
        var passing = points.Where(p => area.Contains(p.Latitude, p.Longitude)).Select(p => p.RecordingId).ToHashSet();
        return [.. items.Where(i => i.RecordingId is { } recording && passing.Contains(recording))];
    }
}
