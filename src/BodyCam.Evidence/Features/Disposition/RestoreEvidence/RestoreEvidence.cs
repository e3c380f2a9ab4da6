using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Retention;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Disposition;

/// <summary>Takes an item back from disposition: during the soft-delete window, or while a request awaits approval. Its request is withdrawn.</summary>
[RequiresRole(Roles.Custodian)]
public sealed record RestoreEvidence(Guid EvidenceId, string Reason) : ICommand<DispositionRequestView>, IEvidenceItemMessage;

internal sealed class RestoreEvidenceHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<RestoreEvidence, DispositionRequestView>
{
    public async ValueTask<DispositionRequestView> Handle(RestoreEvidence command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.SingleAsync(e => e.Id == command.EvidenceId, cancellationToken);
        if (item.Disposition == DispositionState.Purged)
        {
            throw new GoneException($"Evidence {item.Id} was purged at {item.PurgedAt:O}; only its tombstone and certificate remain.");
        }
        if (item.Disposition is not (DispositionState.SoftDeleted or DispositionState.AwaitingApproval))
        {
            throw new ConflictException($"Evidence {item.Id} is {item.Disposition}; there is nothing to restore.");
        }
        var request = await db.DispositionRequests
            .Where(r => r.EvidenceId == item.Id && r.Status != DispositionRequestStatus.Withdrawn)
            .OrderByDescending(r => r.RequestedAt)
            .FirstAsync(cancellationToken);
        request.Withdraw(caller.Actor.Id, command.Reason.Trim(), clock.GetUtcNow());
        item.Restore();
        db.CustodyEvents.Record(
            CustodyAction.Restored, caller.Actor, item.Id, item.StreamSha256,
            reason: $"disposition request {request.Id} withdrawn: {request.WithdrawReason}");
        return DispositionRequestView.Of(request);
    }
}
