using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BodyCam.Evidence.Infrastructure.Media;

/// <summary>
/// Probes with ffprobe and cuts the poster with ffmpeg, both from PATH, each as its own process that reads the
/// media from disk, as a recording container only (<see cref="RecordingInput"/>). What the media is to blame for,
/// a playlist, a manifest or any other format that is not a recording container included, becomes
/// <see cref="MediaProbeResult.Unreadable"/>; what the machine is to blame for (a missing tool or file, cancellation)
/// is thrown, so the job is retried.
/// </summary>
public sealed partial class FfprobeMediaProbe : IMediaProbe
{
    private const int MaxReasonLength = 500;

    private readonly TimeSpan _timeout;
    private readonly string _ffprobe;
    private readonly string _ffmpeg;

    public FfprobeMediaProbe()
        : this(TimeSpan.FromMinutes(2))
    {
    }

    /// <param name="timeout">How long each of ffprobe and ffmpeg may run before its process tree is killed.</param>
    public FfprobeMediaProbe(TimeSpan timeout)
        : this(timeout, "ffprobe", "ffmpeg")
    {
    }

    internal FfprobeMediaProbe(TimeSpan timeout, string ffprobe, string ffmpeg)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _timeout = timeout;
        _ffprobe = ffprobe;
        _ffmpeg = ffmpeg;
    }

    public async Task<MediaProbeResult> ProbeAsync(string mediaPath, string posterPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(mediaPath))
        {
            throw new FileNotFoundException("There is no media to probe.", mediaPath);
        }

        // "file:" keeps a path that looks like an option or a URL (http:, concat:, pipe:) from being read as one.
        var input = "file:" + Path.GetFullPath(mediaPath);
        var probe = await RunAsync(
            _ffprobe, ["-v", "error", .. RecordingInput.Options, "-print_format", "json", "-show_format", "-show_streams", input], cancellationToken);
        if (probe.TimedOut)
        {
            return new MediaProbeResult.Unreadable(string.Create(CultureInfo.InvariantCulture, $"ffprobe timed out after {_timeout.TotalSeconds:0.###} s."));
        }
        if (probe.ExitCode != 0)
        {
            return new MediaProbeResult.Unreadable(
                RecordingInput.RefusedFormat(probe.Errors) ?? Reason(probe.Errors, input) ?? string.Create(CultureInfo.InvariantCulture, $"ffprobe exited with code {probe.ExitCode}."));
        }

        FfprobeDescription? description;
        try
        {
            description = FfprobeOutput.Parse(probe.Output);
        }
        catch (JsonException exception)
        {
            return new MediaProbeResult.Unreadable("ffprobe described the media in JSON that could not be read: " + exception.Message);
        }
        if (description is null)
        {
            return new MediaProbeResult.Unreadable(Reason(probe.Errors, input) ?? "ffprobe recognised no media format.");
        }

        var posterWritten = description.VideoStreamIndex is { } videoStream
            && await WritePosterAsync(input, videoStream, description.Facts.DurationSeconds, posterPath, cancellationToken);
        return new MediaProbeResult.Readable(description.Facts, posterWritten);
    }

    private async Task<bool> WritePosterAsync(string input, int videoStream, double? durationSeconds, string posterPath, CancellationToken cancellationToken)
    {
        var seconds = durationSeconds switch
        {
            >= 2 => 1,
            > 0 => durationSeconds.Value / 2,
            _ => 0,
        };
        var poster = Path.GetFullPath(posterPath);
        Directory.CreateDirectory(Path.GetDirectoryName(poster)!);
        var temporary = poster + "." + Guid.NewGuid().ToString("N") + ".partial";
        try
        {
            // "-update 1" takes the file name literally instead of as an image2 pattern such as "frame%03d.jpg".
            var cut = await RunAsync(
                _ffmpeg,
                ["-v", "error", "-nostdin", "-ss", seconds.ToString("0.###", CultureInfo.InvariantCulture), .. RecordingInput.Options, "-i", input,
                 "-map", "0:" + videoStream.ToString(CultureInfo.InvariantCulture), "-frames:v", "1", "-vf", "scale=320:-2",
                 "-c:v", "mjpeg", "-f", "image2", "-update", "1", "file:" + temporary],
                cancellationToken);
            // ffmpeg exits 0 without writing anything when no frame can be decoded after the seek point.
            if (cut.TimedOut || cut.ExitCode != 0 || new FileInfo(temporary) is not { Exists: true, Length: > 0 })
            {
                return false;
            }
            File.Move(temporary, poster, overwrite: true);
            return true;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// ffprobe's complaints, without the server's path and without the memory addresses ffmpeg puts in its log
    /// prefixes ("[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55ee17f5d1c0]"), so the same media always gives the same reason.
    /// </summary>
    internal static string? Reason(string errors, string input)
    {
        var lines = errors.Replace(input + ": ", "", StringComparison.Ordinal)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => LogPrefixAddress().Replace(line, "]"))
            .Distinct(StringComparer.Ordinal);
        var reason = string.Join("; ", lines);
        return reason.Length switch
        {
            0 => null,
            > MaxReasonLength => reason[..(MaxReasonLength - 1)] + "…",
            _ => reason,
        };
    }

    private Task<ToolExit> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        MediaTool.RunAsync(tool, arguments, _timeout, cancellationToken);

    [GeneratedRegex(@" @ 0x[0-9a-f]+\]")]
    private static partial Regex LogPrefixAddress();
}
