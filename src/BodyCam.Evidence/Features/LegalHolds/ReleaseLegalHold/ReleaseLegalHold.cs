using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.LegalHolds;

/// <summary>Releases a hold, saying why. The items it covered keep any other hold; their retention runs again otherwise.</summary>
[RequiresRole(Roles.Custodian)]
public sealed record ReleaseLegalHold(Guid HoldId, string Reason) : ICommand<LegalHoldView>;

internal sealed class ReleaseLegalHoldHandler(EvidenceDb db, ICurrentActor caller, BlobProtection protection, TimeProvider clock)
    : ICommandHandler<ReleaseLegalHold, LegalHoldView>
{
    public async ValueTask<LegalHoldView> Handle(ReleaseLegalHold command, CancellationToken cancellationToken)
    {
        var hold = await db.LegalHolds.SingleOrDefaultAsync(h => h.Id == command.HoldId, cancellationToken)
            ?? throw new NotFoundException($"There is no legal hold {command.HoldId}.");
        if (!hold.Active)
        {
            throw new ConflictException($"Legal hold {hold.Id} was released by {hold.ReleasedBy} at {hold.ReleasedAt:O}.");
        }
        var named = await db.LegalHoldItems.Where(i => i.HoldId == hold.Id).Select(i => i.EvidenceId).ToListAsync(cancellationToken);
        var covered = await db.ItemsCoveredByAsync(hold, named, cancellationToken);
        hold.Release(command.Reason.Trim(), caller.Actor.Id, clock.GetUtcNow());
        var description = hold.Describe(named.Count);
        db.CustodyEvents.Record(CustodyAction.LegalHoldReleased, caller.Actor, reason: $"{description}; {covered.Count} items released; {hold.ReleaseReason}");
        foreach (var (id, sha256) in covered)
        {
            db.CustodyEvents.Record(CustodyAction.LegalHoldReleased, caller.Actor, id, sha256, reason: $"{description}; {hold.ReleaseReason}");
        }
        protection.AfterCommit(covered.Select(c => c.Id));
        return LegalHoldView.Of(hold, named, covered.Count);
    }
}
