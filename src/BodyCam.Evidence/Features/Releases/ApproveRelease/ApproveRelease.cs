using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>
/// A custodian approves the case for release once it has clips and every one is Ready (cut, packaged, its hashes in
/// the ledger). Publication then needs a different custodian (<see cref="PublishRelease"/>).
/// </summary>
[RequiresRole(Roles.Custodian)]
public sealed record ApproveRelease(Guid CaseId, string Reason) : ICommand<ReleaseCaseView>;

public sealed record ReleaseReasonBody(string? Reason);

internal sealed class ApproveReleaseHandler(EvidenceDb db, ICurrentActor caller, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<ApproveRelease, ReleaseCaseView>
{
    public async ValueTask<ReleaseCaseView> Handle(ApproveRelease command, CancellationToken cancellationToken)
    {
        var releaseCase = await db.FindReleaseCaseAsync(command.CaseId, cancellationToken);
        if (releaseCase.Status != ReleaseCaseStatus.Open)
        {
            throw await db.RefuseReleaseAsync(
                releaseCase.Id, caller.Actor, "approval", detail => new RefusedConflictException(detail), $"The case is already {releaseCase.Status}.", cancellationToken);
        }
        var clips = await db.ReleaseClips.Where(c => c.CaseId == releaseCase.Id)
            .Join(db.ClipRequests, c => c.ClipRequestId, r => r.Id, (c, r) => new { r.Id, r.Status })
            .ToListAsync(cancellationToken);
        if (clips.Count == 0 || clips.Any(c => c.Status != ClipRequestStatus.Ready))
        {
            var waiting = clips.Where(c => c.Status != ClipRequestStatus.Ready).Select(c => $"{c.Id} is {c.Status}");
            throw await db.RefuseReleaseAsync(
                releaseCase.Id, caller.Actor, "approval", detail => new RefusedUnprocessableException(detail),
                clips.Count == 0 ? "clips: the case has no clip to release yet." : $"clips: every clip must be Ready first; {string.Join(", ", waiting)}.",
                cancellationToken);
        }

        var now = clock.GetUtcNow();
        releaseCase.Approve(caller.Actor.Id, command.Reason.Trim(), now);
        await db.RecordOnItemsAsync(
            releaseCase.Id, CustodyAction.ReleaseApproved, caller.Actor,
            $"approved for release with clip requests {string.Join(", ", clips.Select(c => c.Id))}: {releaseCase.ApprovalReason}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await db.LoadAsync(releaseCase, settings.Releases, now, cancellationToken);
    }
}
