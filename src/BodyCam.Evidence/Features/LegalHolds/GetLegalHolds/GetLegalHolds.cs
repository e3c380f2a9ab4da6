using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.LegalHolds;

/// <summary>Every hold, newest first; with <see cref="ActiveOnly"/>, only those not released.</summary>
[RequiresRole(Roles.Custodian, Roles.Auditor)]
public sealed record GetLegalHolds(bool ActiveOnly) : IQuery<IReadOnlyList<LegalHoldView>>;

internal sealed class GetLegalHoldsHandler(EvidenceDb db) : IQueryHandler<GetLegalHolds, IReadOnlyList<LegalHoldView>>
{
    public async ValueTask<IReadOnlyList<LegalHoldView>> Handle(GetLegalHolds query, CancellationToken cancellationToken)
    {
        var holds = await db.LegalHolds.AsNoTracking()
            .Where(h => !query.ActiveOnly || h.ReleasedAt == null)
            .OrderByDescending(h => h.PlacedAt)
            .ToListAsync(cancellationToken);
        var holdIds = holds.Select(h => h.Id).ToList();
        var named = (await db.LegalHoldItems.AsNoTracking().Where(i => holdIds.Contains(i.HoldId)).ToListAsync(cancellationToken))
            .ToLookup(i => i.HoldId, i => i.EvidenceId);
        var views = new List<LegalHoldView>(holds.Count);
        foreach (var hold in holds)
        {
            var items = named[hold.Id].ToList();
            views.Add(LegalHoldView.Of(hold, items, (await db.ItemsCoveredByAsync(hold, items, cancellationToken)).Count));
        }
        return views;
    }
}
