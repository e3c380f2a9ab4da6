using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Retention;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Disposition.ListDisposition;

/// <summary>What the retention sweep found due: the custodians' work list, oldest retention end first.</summary>
[RequiresRole(Roles.Custodian, Roles.Auditor)]
public sealed record ListEligibleForDisposition(int Limit) : IQuery<IReadOnlyList<EligibleItem>>;

public sealed record EligibleItem(Guid EvidenceId, string Sha256, long Bytes, string FileName, string? OfficerId, DateTimeOffset? RecordedStart, DateTimeOffset RetainUntil, bool RetainedByDefault);

/// <summary>Disposition requests in one status (default: pending), oldest first.</summary>
[RequiresRole(Roles.Custodian, Roles.Auditor)]
public sealed record ListDispositionRequests(DispositionRequestStatus Status, int Limit) : IQuery<IReadOnlyList<DispositionRequestView>>;

internal sealed class ListDispositionHandler(EvidenceDb db)
    : IQueryHandler<ListEligibleForDisposition, IReadOnlyList<EligibleItem>>, IQueryHandler<ListDispositionRequests, IReadOnlyList<DispositionRequestView>>
{
    public async ValueTask<IReadOnlyList<EligibleItem>> Handle(ListEligibleForDisposition query, CancellationToken cancellationToken) =>
        await db.EvidenceItems.AsNoTracking()
            .Where(e => e.Disposition == DispositionState.EligibleForDisposition)
            .OrderBy(e => e.RetainUntil).ThenBy(e => e.Id)
            .Take(query.Limit)
            .Select(e => new EligibleItem(e.Id, e.StreamSha256, e.Bytes, e.Recording.FileName, e.Recording.OfficerId, e.Recording.RecordedStart, e.RetainUntil!.Value, e.RetainedByDefault))
            .ToListAsync(cancellationToken);

    public async ValueTask<IReadOnlyList<DispositionRequestView>> Handle(ListDispositionRequests query, CancellationToken cancellationToken)
    {
        var requests = await db.DispositionRequests.AsNoTracking()
            .Where(r => r.Status == query.Status)
            .OrderBy(r => r.RequestedAt)
            .Take(query.Limit)
            .ToListAsync(cancellationToken);
        var ids = requests.Select(r => r.EvidenceId).ToList();
        var purgeAfter = await db.EvidenceItems.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.PurgeAfter, cancellationToken);
        return [.. requests.Select(r => DispositionRequestView.Of(r, purgeAfter.GetValueOrDefault(r.EvidenceId)))];
    }
}
