using System.Text.RegularExpressions;

namespace BodyCam.Evidence.Infrastructure.Media;

/// <summary>
/// How every ffmpeg and ffprobe run opens a recording. Left to itself, ffmpeg picks whichever demuxer the bytes look
/// like, and some of those read other files by name: an HLS playlist or a DASH manifest (its segments, its
/// <c>#EXT-X-MAP</c>, its <c>&lt;BaseURL&gt;</c>), an ffconcat script, an image sequence. A dock could then have the
/// facts, poster and clip of any media file on the server taken for its upload. So a run may use only the demuxers of
/// the containers cameras record into, none of which opens another file, and only the <c>file</c> protocol.
/// </summary>
internal static partial class RecordingInput
{
    /// <summary>ffmpeg's demuxers for QuickTime/MP4 (also M4A, 3GP), Matroska/WebM, MPEG-TS and AVI.</summary>
    public const string Demuxers = "mov,matroska,mpegts,avi";

    /// <summary>Input options: they go before the <c>-i</c> of ffmpeg, anywhere in ffprobe's arguments.</summary>
    public static IReadOnlyList<string> Options { get; } = ["-format_whitelist", Demuxers, "-protocol_whitelist", "file"];

    /// <summary>
    /// Whether ffprobe's <c>format_name</c> (a demuxer's names, e.g. "mov,mp4,m4a,3gp,3g2,mj2") is one of
    /// <see cref="Demuxers"/>, matched name by name as ffmpeg matches its whitelist.
    /// </summary>
    public static bool IsRecordingContainer(string? formatName) =>
        formatName is not null && formatName.Split(',').Intersect(Demuxers.Split(','), StringComparer.Ordinal).Any();

    /// <summary>
    /// Why the media was not opened, naming its format, when ffmpeg refused the demuxer it detected; ffmpeg logs that
    /// refusal with the demuxer's name as the prefix ("[hls @ 0x55ee17f5d1c0] Format not on whitelist ...").
    /// </summary>
    public static string? RefusedFormat(string errors) =>
        FormatNotOnWhitelist().Match(errors) is { Success: true } refused
            ? $"The media is in the {refused.Groups["format"].Value} format, which is not a recording container read here (QuickTime/MP4, Matroska/WebM, MPEG-TS, AVI)."
            : null;

    [GeneratedRegex(@"^\[(?<format>[\w,]+) @ 0x[0-9a-f]+\] Format not on whitelist", RegexOptions.Multiline)]
    private static partial Regex FormatNotOnWhitelist();
}
