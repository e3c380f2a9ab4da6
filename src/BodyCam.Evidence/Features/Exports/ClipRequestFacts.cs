using System.Globalization;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Infrastructure.Media;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Verification.Exports;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>What the item says of a clip request now: the range an approval would cut, or why no approval may be given.</summary>
public sealed record ClipFacts(ClipRange? Range, string? Impediment);

/// <summary>
/// A board is told nothing of the item it names when it asks: any answer that depended on the item would tell it
/// whether, and in what state, an item it may not see exists. The facts are weighed here instead, for the supervisor or
/// custodian who reviews the request: shown to them while it waits, and checked again by every approval.
/// </summary>
internal static class ClipRequestFacts
{
    public static async Task<ClipFacts> WeighAsync(this EvidenceDb db, ClipRequest request, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.EvidenceId, cancellationToken);
        if (item is null)
        {
            return Impeded($"The request names evidence item {request.EvidenceId}, which does not exist.");
        }
        if (item.Status != EvidenceStatus.Verified || item.Disposition is DispositionState.SoftDeleted or DispositionState.Purged)
        {
            return Impeded($"Evidence {item.Id} is {item.Status} and {item.Disposition}: only verified, kept evidence is clipped.");
        }
        if (WhyNotClippable(item) is { } notClippable)
        {
            return Impeded($"Evidence {item.Id} cannot be clipped: {notClippable}");
        }
        if (item.Media.DurationSeconds is not { } duration)
        {
            return Impeded($"Evidence {item.Id} has no known media duration (probe: {item.ProbeStatus}); it cannot be clipped.");
        }
        ClipRange range;
        if (request.BookmarkId is { } bookmarkId)
        {
            var bookmark = await db.EvidenceBookmarks.AsNoTracking()
                .SingleOrDefaultAsync(b => b.Id == bookmarkId && b.EvidenceId == request.EvidenceId, cancellationToken);
            if (bookmark is null)
            {
                return Impeded($"Evidence {item.Id} has no bookmark {bookmarkId}.");
            }
            if (bookmark.EndSeconds is not null && (request.BeforeSeconds is not null || request.AfterSeconds is not null))
            {
                return Impeded($"Bookmark {bookmarkId} marks a span, which is the clip's range: a window (beforeSeconds, afterSeconds) is only for a bookmarked moment.");
            }
            // A span is the range as marked, a moment gets the window around it; either is cut to the recording, so a
            // bookmark made before the item was probed, or near its ends, still gives the part of it that exists.
            var start = Math.Max(0, bookmark.EndSeconds is null ? bookmark.StartSeconds - (request.BeforeSeconds ?? ClipRequest.DefaultBeforeSeconds) : bookmark.StartSeconds);
            var end = Math.Min(duration, bookmark.EndSeconds ?? bookmark.StartSeconds + (request.AfterSeconds ?? ClipRequest.DefaultAfterSeconds));
            if (end <= start)
            {
                return Impeded(string.Create(CultureInfo.InvariantCulture, $"Bookmark {bookmarkId} lies beyond the recording's {duration:0.###} s: there is nothing to clip."));
            }
            range = new ClipRange(start, end);
        }
        else if (request.EndSeconds > duration)
        {
            return Impeded(string.Create(CultureInfo.InvariantCulture,
                $"The recording lasts {duration:0.###} s; the clip asked (endSeconds) ends at {request.EndSeconds:0.###} s."));
        }
        else
        {
            range = new ClipRange(request.StartSeconds, request.EndSeconds);
        }
        return RedactionImpediment(range, request.Redactions, item.Media) is { } why ? Impeded(why) : new ClipFacts(range, null);
    }

    /// <summary>Records an approval the facts do not allow, and hands back the 422 to throw.</summary>
    public static async Task<RefusedUnprocessableException> RefuseApprovalAsync(
        this EvidenceDb db, Actor actor, ClipRequest request, string impediment, CancellationToken cancellationToken)
    {
        var sourceSha256 = await db.EvidenceItems.Where(e => e.Id == request.EvidenceId).Select(e => e.StreamSha256).SingleOrDefaultAsync(cancellationToken);
        db.CustodyEvents.Record(
            CustodyAction.ClipApprovalRefused, actor, request.EvidenceId, sourceSha256,
            reason: $"approval of clip request {request.Id} (asked by {request.RequestedBy}) refused: {impediment}", outcome: CustodyOutcome.Denied);
        await db.SaveChangesAsync(cancellationToken);
        return new RefusedUnprocessableException($"Clip request {request.Id} cannot be approved. {impediment}");
    }

    private static ClipFacts Impeded(string why) => new(null, why);

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

    /// <summary>A redaction must lie within the clip and the recorded frame, and a mute needs audio to silence.</summary>
    private static string? RedactionImpediment(ClipRange clip, IReadOnlyList<ClipRedaction> redactions, MediaFacts media)
    {
        for (var i = 0; i < redactions.Count; i++)
        {
            var redaction = redactions[i];
            var field = $"redactions[{i}]";
            if (!redaction.LiesWithin(clip.StartSeconds, clip.EndSeconds))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{field} must lie within the clip, {clip.StartSeconds:0.###}–{clip.EndSeconds:0.###} s of the recording.");
            }
            if (redaction.Kind == ClipRedaction.Mute && media.AudioCodec is null)
            {
                return $"{field}: the recording has no audio to mute.";
            }
            if (redaction.Kind == ClipRedaction.Blur)
            {
                if (media.Width is not { } width || media.Height is not { } height)
                {
                    return $"{field}: the recording has no video frame size known to blur within.";
                }
                if (redaction.X + redaction.Width > width || redaction.Y + redaction.Height > height)
                {
                    return $"{field}: the rectangle must lie within the {width}×{height} frame (x + width ≤ {width}, y + height ≤ {height}).";
                }
            }
        }
        return null;
    }
}
