using System.Globalization;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Media;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Verification.Exports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Exports.RequestClip;

/// <summary>
/// An oversight board asks for a clip of one item, for a stated purpose. Boards see no evidence themselves, so this is
/// not an item message: the board names the item it was told of, and only a supervisor or custodian decides. The
/// range is either <see cref="StartSeconds"/>–<see cref="EndSeconds"/> or a reviewer's bookmark of the item: its span,
/// or for a moment <see cref="BeforeSeconds"/> before to <see cref="AfterSeconds"/> after it, within the recording.
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
    : ICommand<ClipRequestView>
{
    public const double DefaultBeforeSeconds = 15;
    public const double DefaultAfterSeconds = 15;
}

internal sealed class RequestClipHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<RequestClip, ClipRequestView>
{
    public async ValueTask<ClipRequestView> Handle(RequestClip command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.AsNoTracking().SingleOrDefaultAsync(e => e.Id == command.EvidenceId, cancellationToken)
            ?? throw new NotFoundException($"There is no evidence item {command.EvidenceId}.");
        if (item.Status != EvidenceStatus.Verified || item.Disposition is DispositionState.SoftDeleted or DispositionState.Purged)
        {
            throw new UnprocessableContentException($"Evidence {item.Id} is {item.Status} and {item.Disposition}: only verified, kept evidence is clipped.");
        }
        if (item.Media.DurationSeconds is not { } duration)
        {
            throw new UnprocessableContentException($"Evidence {item.Id} has no known media duration (probe: {item.ProbeStatus}); it cannot be clipped.");
        }
        var range = command.BookmarkId is { } bookmarkId
            ? await BookmarkRangeAsync(command, bookmarkId, duration, cancellationToken)
            : new ClipRange(command.StartSeconds!.Value, command.EndSeconds!.Value);
        if (range.EndSeconds > duration)
        {
            throw RequestValidationException.For(
                "endSeconds", string.Create(CultureInfo.InvariantCulture, $"The recording lasts {duration:0.###} s; the clip must end within it."));
        }

        CheckRedactions(range, command.Redactions, item.Media);

        var request = ClipRequest.Ask(
            item.Id, caller.Actor.Id, range, command.BookmarkId, command.Purpose.Trim(), command.Accurate, command.Redactions,
            command.Watermark ? WatermarkFor(caller.Actor.Id) : null, clock.GetUtcNow());
        db.ClipRequests.Add(request);
        var bookmark = request.BookmarkId is { } id ? $" (bookmark {id})" : "";
        var watermark = request.Watermark is null ? "" : ", watermarked";
        db.CustodyEvents.Record(
            CustodyAction.ClipRequested, caller.Actor, item.Id, item.StreamSha256,
            reason: string.Create(CultureInfo.InvariantCulture,
                $"clip request {request.Id}: {request.StartSeconds:0.###}–{request.EndSeconds:0.###} s{bookmark}, {(request.Accurate ? "frame-accurate" : "stream copy")}, {request.Redactions.Count} redactions{watermark}, purpose: {request.Purpose}"));
        return ClipRequestView.Of(request);
    }

    /// <summary>The board's name, drawn over every frame so that a copy passed on shows whom it was released to.</summary>
    private static string WatermarkFor(string board) => $"Released to {board}";

    /// <summary>
    /// A span bookmark is the range as marked; a moment gets the window around it. Either is cut to the recording, so
    /// a bookmark made before the item was probed, or near its ends, still gives the part of it that exists.
    /// </summary>
    private async Task<ClipRange> BookmarkRangeAsync(RequestClip command, Guid bookmarkId, double duration, CancellationToken cancellationToken)
    {
        var bookmark = await db.EvidenceBookmarks.AsNoTracking()
            .SingleOrDefaultAsync(b => b.Id == bookmarkId && b.EvidenceId == command.EvidenceId, cancellationToken)
            ?? throw RequestValidationException.For("bookmarkId", $"Evidence {command.EvidenceId} has no bookmark {bookmarkId}.");
        if (bookmark.EndSeconds is not null && (command.BeforeSeconds is not null || command.AfterSeconds is not null))
        {
            throw RequestValidationException.For(
                command.BeforeSeconds is not null ? "beforeSeconds" : "afterSeconds",
                "The bookmark marks a span, which is the clip's range: a window is only for a bookmarked moment.");
        }
        var start = Math.Max(0, bookmark.EndSeconds is null ? bookmark.StartSeconds - (command.BeforeSeconds ?? RequestClip.DefaultBeforeSeconds) : bookmark.StartSeconds);
        var end = Math.Min(duration, bookmark.EndSeconds ?? bookmark.StartSeconds + (command.AfterSeconds ?? RequestClip.DefaultAfterSeconds));
        if (end <= start)
        {
            throw RequestValidationException.For(
                "bookmarkId", string.Create(CultureInfo.InvariantCulture, $"The bookmark lies beyond the recording's {duration:0.###} s: there is nothing to clip."));
        }
        return new ClipRange(start, end);
    }

    /// <summary>A redaction must lie within the clip and the recorded frame, and a mute needs audio to silence.</summary>
    private static void CheckRedactions(ClipRange clip, IReadOnlyList<ClipRedaction> redactions, MediaFacts media)
    {
        for (var i = 0; i < redactions.Count; i++)
        {
            var redaction = redactions[i];
            var field = $"redactions[{i}]";
            if (redaction.StartSeconds < clip.StartSeconds || redaction.EndSeconds > clip.EndSeconds)
            {
                throw RequestValidationException.For(
                    redaction.StartSeconds < clip.StartSeconds ? field + ".startSeconds" : field + ".endSeconds",
                    string.Create(CultureInfo.InvariantCulture,
                        $"A redaction must lie within the clip, {clip.StartSeconds:0.###}–{clip.EndSeconds:0.###} s of the recording."));
            }
            if (redaction.Kind == ClipRedaction.Mute && media.AudioCodec is null)
            {
                throw RequestValidationException.For(field + ".kind", "The recording has no audio to mute.");
            }
            if (redaction.Kind == ClipRedaction.Blur)
            {
                if (media.Width is not { } width || media.Height is not { } height)
                {
                    throw RequestValidationException.For(field + ".kind", "The recording has no video frame size known to blur within.");
                }
                if (redaction.X + redaction.Width > width)
                {
                    throw RequestValidationException.For(field + ".width", $"The rectangle must lie within the {width}×{height} frame: x + width ≤ {width}.");
                }
                if (redaction.Y + redaction.Height > height)
                {
                    throw RequestValidationException.For(field + ".height", $"The rectangle must lie within the {width}×{height} frame: y + height ≤ {height}.");
                }
            }
        }
    }
}
