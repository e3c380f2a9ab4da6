using System.Globalization;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Features.Recordings;

namespace BodyCam.Evidence.Features.Playback;

/// <summary>A moment or span of the media the player can seek to: a reviewer's bookmark or one the camera recorded.</summary>
public sealed record TimelineMark(double Seconds, double? EndSeconds, string Label, string Source)
{
    public string At => PlayerTimeline.Clock(Seconds) + (EndSeconds is { } end ? "–" + PlayerTimeline.Clock(end) : "");

    public string SecondsValue => Seconds.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>
/// What the timeline under the player shows, in seconds from the start of the item's media: reviewers' bookmarks and
/// the camera's (its times made relative to the item's recorded start), its categories, and the recording's segments.
/// </summary>
public sealed record PlayerTimeline(double? Duration, IReadOnlyList<TimelineMark> Marks, IReadOnlyList<CategoryTag> Categories, IReadOnlyList<RecordingSegment> Segments)
{
    /// <summary>The timeline drawing's width in SVG units; marks are placed along it in proportion to their time.</summary>
    public const double Width = 1000;

    public static PlayerTimeline Of(EvidenceItemDetails item, IReadOnlyList<RecordingSegment> segments)
    {
        var camera = item.RecordedStart is { } start
            ? item.RecordingBookmarks.Where(b => b.StartTime is not null && b.StartTime >= start)
                .Select(b => new TimelineMark((b.StartTime!.Value - start).TotalSeconds, (b.EndTime - start)?.TotalSeconds, b.Text, "camera"))
            : [];
        var marks = item.Bookmarks.Select(b => new TimelineMark(b.StartSeconds, b.EndSeconds, b.Label, b.Author)).Concat(camera)
            .OrderBy(m => m.Seconds).ToList();
        var duration = item.Media.DurationSeconds ?? (item.RecordedEnd - item.RecordedStart)?.TotalSeconds;
        return new PlayerTimeline(duration, marks, item.Categories, segments);
    }

    /// <summary>Where <paramref name="seconds"/> lies along the drawing, clipped to it.</summary>
    public string X(double seconds) =>
        (Duration is > 0 ? Math.Clamp(seconds / Duration.Value, 0, 1) * Width : 0).ToString("0.#", CultureInfo.InvariantCulture);

    public static string Clock(double seconds) =>
        TimeSpan.FromSeconds(seconds).ToString(seconds >= 3600 ? @"h\:mm\:ss\.f" : @"m\:ss\.f", CultureInfo.InvariantCulture);
}
