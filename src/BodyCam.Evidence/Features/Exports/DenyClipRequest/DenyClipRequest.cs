using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>
/// A supervisor of the item's unit or a custodian denies, with a reason. A denial needs no facts, so it ends a request
/// that cannot be approved, and it ends one waiting for its second approval.
/// </summary>
[RequiresRole(Roles.Supervisor, Roles.Custodian)]
public sealed record DenyClipRequest(Guid RequestId, string Reason) : ICommand<ClipRequestView>;

internal sealed class DenyClipRequestHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<DenyClipRequest, ClipRequestView>
{
    public async ValueTask<ClipRequestView> Handle(DenyClipRequest command, CancellationToken cancellationToken)
    {
        var request = await db.FindUndecidedClipRequestAsync(command.RequestId, caller, "denial", cancellationToken);
        var item = await db.EvidenceItems.FindAsync([request.EvidenceId], cancellationToken);
        request.Decide(false, caller.Actor.Id, command.Reason.Trim(), clock.GetUtcNow());
        db.CustodyEvents.Record(
            CustodyAction.ClipRequestDenied, caller.Actor, request.EvidenceId, item?.StreamSha256,
            reason: $"clip request {request.Id} by {request.RequestedBy} denied: {request.DecisionReason}");
        return ClipRequestView.Of(request);
    }
}
