using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.LegalHolds;

[RequiresRole(Roles.Custodian, Roles.Auditor)]
public sealed record GetLegalHold(Guid HoldId) : IQuery<LegalHoldView>;

internal sealed class GetLegalHoldHandler(EvidenceDb db) : IQueryHandler<GetLegalHold, LegalHoldView>
{
    public async ValueTask<LegalHoldView> Handle(GetLegalHold query, CancellationToken cancellationToken)
    {
        var hold = await db.LegalHolds.AsNoTracking().SingleOrDefaultAsync(h => h.Id == query.HoldId, cancellationToken)
            ?? throw new NotFoundException($"There is no legal hold {query.HoldId}.");
        var named = await db.LegalHoldItems.AsNoTracking().Where(i => i.HoldId == hold.Id).Select(i => i.EvidenceId).ToListAsync(cancellationToken);
        return LegalHoldView.Of(hold, named, (await db.ItemsCoveredByAsync(hold, named, cancellationToken)).Count);
    }
}
