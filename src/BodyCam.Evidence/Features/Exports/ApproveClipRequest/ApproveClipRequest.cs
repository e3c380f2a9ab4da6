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
        db.Approve(request, caller.Actor, command.Reason.Trim(), item?.StreamSha256, settings.Exports.RequiredApprovals, clock.GetUtcNow(), postCommit, jobs);
        return ClipRequestView.Of(request);
    }
}
