using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Features.Exports.CutClip;
using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Media;
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
/// The requester never decides their own request, whatever roles they hold. Where two approvals are required
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

        var item = await db.EvidenceItems.FindAsync([request.EvidenceId], cancellationToken);
        if (decision.Approves && item is not null && WhyNotClippable(item) is { } notClippable)
        {
            db.CustodyEvents.Record(
                CustodyAction.ClipApprovalRefused, caller.Actor, item.Id, item.StreamSha256,
                reason: $"approval of clip request {request.Id} refused: {notClippable}", outcome: CustodyOutcome.Denied);
            await db.SaveChangesAsync(cancellationToken);
            throw new RefusedUnprocessableContentException($"Evidence {item.Id} cannot be clipped: {notClippable}");
        }
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

    /// <summary>
    /// ffmpeg cuts only what the probe read as a recording container. An item probed before that rule may carry the
    /// facts of whatever a playlist or manifest named; its container, as ffprobe named it then, tells.
    /// </summary>
    private static string? WhyNotClippable(EvidenceItem item) => item switch
    {
        { ProbeStatus: ProbeStatus.Unreadable } => $"ffprobe cannot read its media. {item.ProbeFailure}",
        { ProbeStatus: ProbeStatus.Probed } when !RecordingInput.IsRecordingContainer(item.Media.Container) =>
            $"its media was read as {item.Media.Container ?? "no known format"}, which is not a recording container.",
        _ => null,
    };
}
