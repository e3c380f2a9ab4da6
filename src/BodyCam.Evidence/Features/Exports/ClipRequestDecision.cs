using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Hangfire;

namespace BodyCam.Evidence.Features.Exports;

public sealed record DecisionBody(string Reason);

internal static class ClipRequestDecision
{
    /// <summary>
    /// The request a caller may decide: the requester never decides their own request, whatever roles they hold; the
    /// caller must see it (<see cref="ClipRequestAccess"/>); and it is still Requested.
    /// </summary>
    public static async Task<ClipRequest> FindUndecidedClipRequestAsync(
        this EvidenceDb db, Guid requestId, ICurrentActor caller, string verb, CancellationToken cancellationToken)
    {
        var request = await db.FindClipRequestAsync(requestId, cancellationToken);
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
        return request;
    }

    /// <summary>
    /// Gives one approval whose facts were weighed: where two are required (<c>Exports:RequiredApprovals</c>) the first
    /// leaves the request Requested; otherwise the request is Approved and its cut enqueued once the transaction commits,
    /// so the job never reads an approval that was rolled back. The custody event's wording is what the offline verifier
    /// matches a package's approvals against.
    /// </summary>
    public static void Approve(
        this EvidenceDb db, ClipRequest request, Actor approver, string reason, string? sourceSha256, int requiredApprovals, DateTimeOffset now,
        PostCommitWork postCommit, IBackgroundJobClient jobs)
    {
        if (requiredApprovals == 2 && request.FirstApprovedBy is null)
        {
            request.ApproveFirst(approver.Id, reason, now);
            db.CustodyEvents.Record(
                CustodyAction.ClipRequestApproved, approver, request.EvidenceId, sourceSha256,
                reason: $"clip request {request.Id} by {request.RequestedBy} approved, first of two approvals: {reason}");
            return;
        }
        request.Decide(true, approver.Id, reason, now);
        var second = request.FirstApprovedBy is null ? "" : ", second approval";
        db.CustodyEvents.Record(
            CustodyAction.ClipRequestApproved, approver, request.EvidenceId, sourceSha256,
            reason: $"clip request {request.Id} by {request.RequestedBy} approved{second}: {request.DecisionReason}");
        postCommit.Add(() => jobs.Enqueue<CutClipJob>(job => job.RunAsync(request.Id, null, CancellationToken.None)));
    }
}
