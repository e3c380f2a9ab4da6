using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Hangfire;
using Mediator;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>A supervisor of the item's unit or a custodian approves: the clip job is enqueued once this commits.</summary>
[RequiresRole(Roles.Supervisor, Roles.Custodian)]
public sealed record ApproveClipRequest(Guid RequestId, string Reason) : ICommand<ClipRequestView>;

/// <summary>
/// Each approval weighs the item's facts first (<see cref="ClipRequestFacts"/>) and is refused, as a 422 and a custody
/// event, when they do not allow the clip; a request that cannot be approved is ended by a denial. Where two approvals
/// are required (<c>Exports:RequiredApprovals</c>) the first leaves the request Requested and a second person's approval
/// starts the cut; nobody approves twice.
/// </summary>
internal sealed class ApproveClipRequestHandler(
    EvidenceDb db, ICurrentActor caller, PostCommitWork postCommit, IBackgroundJobClient jobs, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<ApproveClipRequest, ClipRequestView>
{
    public async ValueTask<ClipRequestView> Handle(ApproveClipRequest command, CancellationToken cancellationToken)
    {
        var request = await db.FindUndecidedClipRequestAsync(command.RequestId, caller, "approval", cancellationToken);
        if (request.FirstApprovedBy == caller.Actor.Id)
        {
            throw await db.RefuseAsync(
                caller.Actor, $"second approval of clip request {request.Id} by its first approver",
                "A second approval must come from someone else.", request.EvidenceId, cancellationToken);
        }
        var facts = await db.WeighAsync(request, cancellationToken);
        if (facts.Range is not { } range)
        {
            throw await db.RefuseApprovalAsync(caller.Actor, request, facts.Impediment!, cancellationToken);
        }
        request.TakeRange(range);

        var item = await db.EvidenceItems.FindAsync([request.EvidenceId], cancellationToken);
        var reason = command.Reason.Trim();
        var now = clock.GetUtcNow();
        if (settings.Exports.RequiredApprovals == 2 && request.FirstApprovedBy is null)
        {
            request.ApproveFirst(caller.Actor.Id, reason, now);
            db.CustodyEvents.Record(
                CustodyAction.ClipRequestApproved, caller.Actor, request.EvidenceId, item?.StreamSha256,
                reason: $"clip request {request.Id} by {request.RequestedBy} approved, first of two approvals: {reason}");
            return ClipRequestView.Of(request);
        }

        request.Decide(true, caller.Actor.Id, reason, now);
        var second = request.FirstApprovedBy is null ? "" : ", second approval";
        db.CustodyEvents.Record(
            CustodyAction.ClipRequestApproved, caller.Actor, request.EvidenceId, item?.StreamSha256,
            reason: $"clip request {request.Id} by {request.RequestedBy} approved{second}: {request.DecisionReason}");
        postCommit.Add(() => jobs.Enqueue<CutClipJob>(job => job.RunAsync(request.Id, null, CancellationToken.None)));
        return ClipRequestView.Of(request);
    }
}
