using System.Globalization;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Verification.Exports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>
/// A custodian asks for the redacted copy of one of the case's items: a clip request of the existing clip pipeline
/// (range, blur rectangles, mutes, optional watermark), always frame-accurate, linked to the case. It is decided as
/// every clip request is (<c>POST /api/clip-requests/{id}/approve</c>), by a supervisor or custodian other than the one
/// who asked, who sees the item's facts first; the approval starts the cut and the verifiable export package.
/// </summary>
[RequiresRole(Roles.Custodian)]
public sealed record PrepareReleaseClip(
    Guid CaseId,
    Guid EvidenceId,
    double? StartSeconds,
    double? EndSeconds,
    IReadOnlyList<ClipRedaction> Redactions,
    bool Watermark)
    : ICommand<ClipRequestView>;

public sealed record PrepareReleaseClipBody(Guid EvidenceId, double? StartSeconds, double? EndSeconds, IReadOnlyList<ClipRedaction>? Redactions = null, bool Watermark = false);

internal sealed class PrepareReleaseClipHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<PrepareReleaseClip, ClipRequestView>
{
    /// <summary>Drawn over every frame, so that a copy passed on shows where it came from.</summary>
    public const string WatermarkText = "Public release";

    public async ValueTask<ClipRequestView> Handle(PrepareReleaseClip command, CancellationToken cancellationToken)
    {
        var releaseCase = await db.FindReleaseCaseAsync(command.CaseId, cancellationToken);
        if (releaseCase.Status != ReleaseCaseStatus.Open)
        {
            throw await db.RefuseReleaseAsync(
                releaseCase.Id, caller.Actor, "a new clip", detail => new RefusedConflictException(detail),
                $"The case is {releaseCase.Status}: its clips no longer change.", cancellationToken);
        }
        if (!await db.ReleaseCaseItems.AnyAsync(i => i.CaseId == releaseCase.Id && i.EvidenceId == command.EvidenceId, cancellationToken))
        {
            throw RequestValidationException.For("evidenceId", $"Evidence item {command.EvidenceId} is not one of release case {releaseCase.Id}'s items.");
        }

        var range = new ClipRange(command.StartSeconds!.Value, command.EndSeconds!.Value);
        var request = ClipRequest.Ask(
            command.EvidenceId, caller.Actor.Id, range, null, null, null, $"public release, case {releaseCase.Id}: {releaseCase.Title}",
            accurate: true, command.Redactions, command.Watermark ? WatermarkText : null, clock.GetUtcNow());
        db.ClipRequests.Add(request);
        db.ReleaseClips.Add(ReleaseClip.Of(releaseCase.Id, request.Id, command.EvidenceId));
        var sourceSha256 = await db.EvidenceItems.Where(e => e.Id == command.EvidenceId).Select(e => e.StreamSha256).SingleAsync(cancellationToken);
        db.RecordClipRequested(caller.Actor, request, sourceSha256);
        db.CustodyEvents.Record(
            CustodyAction.ReleaseClipPrepared, caller.Actor, command.EvidenceId, sourceSha256,
            reason: string.Create(CultureInfo.InvariantCulture,
                $"release case {releaseCase.Id}: clip request {request.Id}, {range.StartSeconds:0.###}–{range.EndSeconds:0.###} s, {request.Redactions.Count} redactions{(request.Watermark is null ? "" : ", watermarked")}"));
        return ClipRequestView.Of(request);
    }
}
