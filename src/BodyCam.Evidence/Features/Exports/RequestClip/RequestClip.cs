using System.Globalization;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Verification.Exports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>
/// An oversight board asks for a clip of one item, for a stated purpose. Boards see no evidence, so this is not an item
/// message: the board names the item it was told of, and gets the same answer whatever that item is — missing,
/// unverified, disposed, shorter than the range, without the bookmark named. Only what the request says of itself is
/// checked here (<see cref="RequestClipValidator"/>); the item's facts are weighed when a supervisor or custodian
/// reviews it (<see cref="ClipRequestFacts"/>). The range is either <see cref="StartSeconds"/>–<see cref="EndSeconds"/>
/// or a reviewer's bookmark of the item: its span, or for a moment <see cref="BeforeSeconds"/> before to
/// <see cref="AfterSeconds"/> after it, within the recording, taken from the bookmark by the approval.
/// </summary>
[RequiresRole(Roles.OversightBoard)]
public sealed record RequestClip(
    Guid EvidenceId,
    double? StartSeconds,
    double? EndSeconds,
    Guid? BookmarkId,
    double? BeforeSeconds,
    double? AfterSeconds,
    string Purpose,
    bool Accurate,
    IReadOnlyList<ClipRedaction> Redactions,
    bool Watermark)
    : ICommand<ClipRequestView>;

internal sealed class RequestClipHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<RequestClip, ClipRequestView>
{
    public async ValueTask<ClipRequestView> Handle(RequestClip command, CancellationToken cancellationToken)
    {
        var range = command.BookmarkId is null ? new ClipRange(command.StartSeconds!.Value, command.EndSeconds!.Value) : null;
        var request = ClipRequest.Ask(
            command.EvidenceId, caller.Actor.Id, range, command.BookmarkId, command.BeforeSeconds, command.AfterSeconds, command.Purpose.Trim(),
            command.Accurate, command.Redactions, command.Watermark ? WatermarkFor(caller.Actor.Id) : null, clock.GetUtcNow());
        db.ClipRequests.Add(request);
        // For the ledger only, which names the content an event is about: the board's answer never depends on the item.
        var sourceSha256 = await db.EvidenceItems.Where(e => e.Id == command.EvidenceId).Select(e => e.StreamSha256).SingleOrDefaultAsync(cancellationToken);
        db.RecordClipRequested(caller.Actor, request, sourceSha256);
        return ClipRequestView.Of(request);
    }

    /// <summary>The board's name, drawn over every frame so that a copy passed on shows whom it was released to.</summary>
    private static string WatermarkFor(string board) => $"Released to {board}";
}

internal static class ClipRequestCustody
{
    /// <summary>
    /// The request's ClipRequested event, in the words the offline verifier matches a package's manifest against
    /// (<c>clip request {id}: …, purpose: {purpose}</c>): whoever asks for a clip, it is recorded so.
    /// </summary>
    public static void RecordClipRequested(this EvidenceDb db, Actor actor, ClipRequest request, string? sourceSha256)
    {
        var watermark = request.Watermark is null ? "" : ", watermarked";
        db.CustodyEvents.Record(
            CustodyAction.ClipRequested, actor, request.EvidenceId, sourceSha256,
            reason: string.Create(CultureInfo.InvariantCulture,
                $"clip request {request.Id}: {Asked(request)}, {(request.Accurate ? "frame-accurate" : "stream copy")}, {request.Redactions.Count} redactions{watermark}, purpose: {request.Purpose}"));
    }

    private static string Asked(ClipRequest request) => request.BookmarkId switch
    {
        null => string.Create(CultureInfo.InvariantCulture, $"{request.StartSeconds:0.###}–{request.EndSeconds:0.###} s"),
        { } bookmark when request.BeforeSeconds is null && request.AfterSeconds is null => $"bookmark {bookmark}",
        { } bookmark => string.Create(CultureInfo.InvariantCulture,
            $"bookmark {bookmark}, {request.BeforeSeconds ?? ClipRequest.DefaultBeforeSeconds:0.###} s before to {request.AfterSeconds ?? ClipRequest.DefaultAfterSeconds:0.###} s after it"),
    };
}
