using BodyCam.Evidence.Domain.Retention;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Disposition;

/// <summary>Disposition requests in one status (default: pending), oldest first.</summary>
[RequiresRole(Roles.Custodian, Roles.Auditor)]
public sealed record GetDispositionRequests(DispositionRequestStatus Status, int Limit) : IQuery<IReadOnlyList<DispositionRequestView>>;

internal sealed class GetDispositionRequestsHandler(EvidenceDb db) : IQueryHandler<GetDispositionRequests, IReadOnlyList<DispositionRequestView>>
{
    public async ValueTask<IReadOnlyList<DispositionRequestView>> Handle(GetDispositionRequests query, CancellationToken cancellationToken)
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
