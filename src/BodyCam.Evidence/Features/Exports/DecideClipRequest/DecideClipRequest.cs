using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Features.Exports.CutClip;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Hangfire;
using Mediator;

namespace BodyCam.Evidence.Features.Exports.DecideClipRequest;

/// <summary>A supervisor of the item's unit or a custodian approves: the clip job is enqueued once this commits.</summary>
[RequiresRole(Roles.Supervisor, Roles.Custodian)]
public sealed record ApproveClipRequest(Guid RequestId, string Reason) : ICommand<ClipRequestView>, IClipDecision
{
    public bool Approves => true;
}

[RequiresRole(Roles.Supervisor, Roles.Custodian)]
public sealed record DenyClipRequest(Guid RequestId, string Reason) : ICommand<ClipRequestView>, IClipDecision
{
    public bool Approves => false;
}

public interface IClipDecision
{
    Guid RequestId { get; }
    string Reason { get; }
    bool Approves { get; }
}

/// <summary>
/// The requester never decides their own request, whatever roles they hold. Each approval weighs the item's facts
/// first (<see cref="ClipRequestFacts"/>) and is refused, as a 422 and a custody event, when they do not allow the clip;
/// a denial needs no facts, so a request that cannot be approved is ended by one. Where two approvals are required
/// (<c>Exports:RequiredApprovals</c>) the first leaves the request Requested and a second person's approval starts the
/// cut; nobody approves twice, and a denial ends the request whenever it comes.
/// </summary>
internal sealed class DecideClipRequestHandler(
    EvidenceDb db, ICurrentActor caller, PostCommitWork postCommit, IBackgroundJobClient jobs, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<ApproveClipRequest, ClipRequestView>, ICommandHandler<DenyClipRequest, ClipRequestView>
{
    public ValueTask<ClipRequestView> Handle(ApproveClipRequest command, CancellationToken cancellationToken) => DecideAsync(command, cancellationToken);

    public ValueTask<ClipRequestView> Handle(DenyClipRequest command, CancellationToken cancellationToken) => DecideAsync(command, cancellationToken);

    private async ValueTask<ClipRequestView> DecideAsync(IClipDecision decision, CancellationToken cancellationToken)
    {
        var verb = decision.Approves ? "approval" : "denial";
        var request = await db.FindClipRequestAsync(decision.RequestId, cancellationToken);
        if (request.RequestedBy == caller.Actor.Id)
        {
            throw await db.RefuseAsync(
                caller.Actor, $"{verb} of own clip request {request.Id}",
                "The requester of a clip cannot decide on it.", request.EvidenceId, cancellationToken);
        }
        await db.EnsureMaySeeAsync(caller, request, verb, cancellationToken);
        if (request.Status != ClipRequestStatus.Requested)
        {
            throw new ConflictException($"Clip request {request.Id} is already {request.Status}.");
        }
        if (decision.Approves && request.FirstApprovedBy == caller.Actor.Id)
        {
            throw await db.RefuseAsync(
                caller.Actor, $"second approval of clip request {request.Id} by its first approver",
                "A second approval must come from someone else.", request.EvidenceId, cancellationToken);
        }

        if (decision.Approves)
        {
            var facts = await db.WeighAsync(request, cancellationToken);
            if (facts.Range is not { } range)
            {
                throw await db.RefuseApprovalAsync(caller.Actor, request, facts.Impediment!, cancellationToken);
            }
            request.TakeRange(range);
        }

        var item = await db.EvidenceItems.FindAsync([request.EvidenceId], cancellationToken);
        var reason = decision.Reason.Trim();
        var now = clock.GetUtcNow();
        if (decision.Approves && settings.Exports.RequiredApprovals == 2 && request.FirstApprovedBy is null)
        {
            request.ApproveFirst(caller.Actor.Id, reason, now);
            db.CustodyEvents.Record(
                CustodyAction.ClipRequestApproved, caller.Actor, request.EvidenceId, item?.StreamSha256,
                reason: $"clip request {request.Id} by {request.RequestedBy} approved, first of two approvals: {reason}");
            return ClipRequestView.Of(request);
        }

        request.Decide(decision.Approves, caller.Actor.Id, reason, now);
        var second = request.FirstApprovedBy is null ? "" : ", second approval";
        db.CustodyEvents.Record(
            decision.Approves ? CustodyAction.ClipRequestApproved : CustodyAction.ClipRequestDenied, caller.Actor, request.EvidenceId, item?.StreamSha256,
            reason: $"clip request {request.Id} by {request.RequestedBy} {(decision.Approves ? "approved" + second : "denied")}: {request.DecisionReason}");
        if (decision.Approves)
        {
            postCommit.Add(() => jobs.Enqueue<CutClipJob>(job => job.RunAsync(request.Id, null, CancellationToken.None)));
        }
        return ClipRequestView.Of(request);
    }
}
