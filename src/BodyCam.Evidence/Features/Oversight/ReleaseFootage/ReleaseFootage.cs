using System.Globalization;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Domain.Oversight;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Verification.Exports;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>
/// A supervisor or custodian releases a footage request's items to its board: each item becomes a clip request of the
/// whole recording, requested by the board (its footage request is the asking) and approved by the releasing person
/// with the reason, so the clip job cuts and packages it as for any approved clip request and the board downloads it.
/// Where <c>Exports:RequiredApprovals</c> is 2 the release is the first approval, and each clip request waits for a
/// second person's on its own page. Every item is weighed first (<see cref="ClipRequestFacts"/>): one that cannot be
/// clipped refuses the whole release, as a 422 and a custody event, before anything changes.
/// </summary>
[RequiresRole(Roles.Supervisor, Roles.Custodian)]
public sealed record ReleaseFootage(Guid RequestId, string Reason) : ICommand<FootageRequestView>;

internal sealed class ReleaseFootageHandler(
    EvidenceDb db, ICurrentActor caller, PostCommitWork postCommit, IBackgroundJobClient jobs, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<ReleaseFootage, FootageRequestView>
{
    public async ValueTask<FootageRequestView> Handle(ReleaseFootage command, CancellationToken cancellationToken)
    {
        var request = await db.FindForStepAsync(caller, command.RequestId, FootageRequestStatus.Released, CustodyAction.FootageReleased, cancellationToken);
        var attached = await db.FootageRequestItems.Where(i => i.FootageRequestId == request.Id).OrderBy(i => i.AttachedAt).ThenBy(i => i.EvidenceId)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var reason = command.Reason.Trim();
        var purpose = $"footage request {request.Id}: {request.Purpose}";
        var releases = new List<(FootageRequestItem Attached, ClipRequest Clip, string Sha256)>();
        foreach (var item in attached)
        {
            var source = await db.EvidenceItems.AsNoTracking()
                .Where(e => e.Id == item.EvidenceId)
                .Select(e => new { e.Recording.OfficerId, e.OfficerUnit, e.StreamSha256, e.Media.DurationSeconds })
                .SingleAsync(cancellationToken);
            if (!caller.Sees(source.OfficerId, source.OfficerUnit))
            {
                throw await db.RefuseAsync(
                    caller.Actor, $"release of footage request {request.Id} with evidence {item.EvidenceId}, outside the caller's scope",
                    "An attached item belongs to another officer or unit: someone who sees it releases this request.", item.EvidenceId, cancellationToken);
            }
            var clip = ClipRequest.Ask(
                item.EvidenceId, request.RequestedBy, new ClipRange(0, source.DurationSeconds ?? 0), null, null, null, purpose, false, [], null, now);
            if ((await db.WeighAsync(clip, cancellationToken)).Impediment is { } impediment)
            {
                db.CustodyEvents.Record(
                    CustodyAction.FootageReleased, caller.Actor, item.EvidenceId, source.StreamSha256,
                    reason: $"release of footage request {request.Id} by {request.RequestedBy} refused: {impediment}", outcome: CustodyOutcome.Denied);
                await db.SaveChangesAsync(cancellationToken);
                throw new RefusedUnprocessableException($"Footage request {request.Id} cannot be released. {impediment}");
            }
            releases.Add((item, clip, source.StreamSha256));
        }

        var board = new Actor(request.RequestedBy, ActorKind.User, Roles.OversightBoard, null);
        foreach (var (item, clip, sha256) in releases)
        {
            db.ClipRequests.Add(clip);
            item.ReleaseAs(clip.Id);
            // The board asked, by its footage request; the clip request is recorded as its asking, naming who released it,
            // so that the package's requester and purpose are those of the request's custody event.
            db.CustodyEvents.Record(
                CustodyAction.ClipRequested, board, item.EvidenceId, sha256,
                reason: string.Create(CultureInfo.InvariantCulture,
                    $"clip request {clip.Id}: {clip.StartSeconds:0.###}–{clip.EndSeconds:0.###} s, the whole recording, released by {caller.Actor.Id}, stream copy, 0 redactions, purpose: {clip.Purpose}"));
            db.CustodyEvents.Record(
                CustodyAction.FootageReleased, caller.Actor, item.EvidenceId, sha256,
                reason: $"footage request {request.Id} by {request.RequestedBy}: released as clip request {clip.Id}: {reason}");
            db.Approve(clip, caller.Actor, reason, sha256, settings.Exports.RequiredApprovals, now, postCommit, jobs);
        }
        db.Step(request, FootageRequestStatus.Released, caller, now, $"{FootageRequestAccess.Items(releases.Count)} released: {reason}");
        await db.SaveChangesAsync(cancellationToken);
        return await db.ViewAsync(request, reviewer: true, settings.Oversight.Deadlines, now, cancellationToken);
    }
}
