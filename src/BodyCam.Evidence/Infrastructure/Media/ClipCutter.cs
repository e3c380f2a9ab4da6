using System.Globalization;
using BodyCam.Evidence.Verification.Exports;

namespace BodyCam.Evidence.Infrastructure.Media;

/// <summary>What ffmpeg made: the range the clip really holds, and how, exactly, it was made.</summary>
public sealed record ClipCut(double ActualStartSeconds, double ActualEndSeconds, string FfmpegVersion, IReadOnlyList<string> Arguments);

/// <summary>The source media is to blame: cutting it again would fail again.</summary>
public sealed class ClipCutFailedException(string message) : Exception(message);

/// <summary>
/// Cuts a clip with ffmpeg from a local file. Stream copy (the default) copies packets from the key frame at or
/// before the start, so the clip may begin earlier than asked: that start is read with ffprobe from the source's
/// packets, the same seek ffmpeg makes. A frame-accurate cut re-encodes the video (H.264) and audio (AAC).
/// Redactions are filters of that re-encode: a blurred copy of each rectangle is overlaid while its range lasts, and
/// the volume is zero while a mute lasts. Input seeking starts the filters' clock <c>t</c> at the requested start.
/// A watermark is drawn last, over the redactions, with fontconfig's sans-serif face. The source is opened as a
/// recording container only (<see cref="RecordingInput"/>), and a cut that yields no stream or no duration has failed.
/// </summary>
public static class ClipCutter
{
    public const string SourcePlaceholder = "{source}";
    public const string ClipPlaceholder = "{clip}";

    /// <summary>Cuts <c>[start, end)</c> of the source into the clip file; <c>progress</c> hears the fraction written so far, 0–1.</summary>
    public static async Task<ClipCut> CutAsync(
        string sourcePath, string clipPath, double startSeconds, double endSeconds, bool accurate, IReadOnlyList<ClipRedaction> redactions,
        string? watermark, TimeSpan timeout, Func<double, Task> progress, CancellationToken cancellationToken)
    {
        if (!File.Exists(sourcePath))
        {
            throw new FileNotFoundException("There is no source media to cut.", sourcePath);
        }
        var source = "file:" + Path.GetFullPath(sourcePath);
        var clip = "file:" + Path.GetFullPath(clipPath);
        var arguments = Arguments(startSeconds, endSeconds, accurate, redactions, watermark);
        var length = endSeconds - startSeconds;
        var cut = await MediaTool.RunAsync(
            "ffmpeg", arguments.Select(a => a == SourcePlaceholder ? source : a == ClipPlaceholder ? clip : a), timeout, cancellationToken,
            async line =>
            {
                // -progress writes key=value lines; out_time_us is how far into the clip it has written.
                if (line.StartsWith("out_time_us=", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan("out_time_us=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var written))
                {
                    await progress(Math.Clamp(written / 1e6 / length, 0, 1));
                }
            });
        if (cut.TimedOut)
        {
            throw new ClipCutFailedException(string.Create(CultureInfo.InvariantCulture, $"ffmpeg did not finish the cut within {timeout}."));
        }
        if (cut.ExitCode != 0 || new FileInfo(clipPath) is not { Exists: true, Length: > 0 })
        {
            throw new ClipCutFailedException(
                RecordingInput.RefusedFormat(cut.Errors) ?? FfprobeMediaProbe.Reason(cut.Errors, source) ?? string.Create(CultureInfo.InvariantCulture, $"ffmpeg exited with code {cut.ExitCode} and wrote no clip."));
        }
        var actualStart = accurate ? startSeconds : await KeyFrameAtOrBeforeAsync(source, startSeconds, cancellationToken);
        var duration = await DurationAsync(clip, cancellationToken);
        return new ClipCut(actualStart, actualStart + duration, await VersionAsync(cancellationToken), arguments);
    }

    /// <summary>The arguments, with <see cref="SourcePlaceholder"/> and <see cref="ClipPlaceholder"/> for the two files.</summary>
    public static IReadOnlyList<string> Arguments(
        double startSeconds, double endSeconds, bool accurate, IReadOnlyList<ClipRedaction> redactions, string? watermark)
    {
        List<string> arguments =
        [
            "-v", "error", "-nostdin", "-y", "-progress", "pipe:1", "-nostats",
            "-ss", Seconds(startSeconds), .. RecordingInput.Options, "-i", SourcePlaceholder, "-t", Seconds(endSeconds - startSeconds),
        ];
        var blurs = redactions.Where(r => r.Kind == ClipRedaction.Blur).ToList();
        var mutes = redactions.Where(r => r.Kind == ClipRedaction.Mute).ToList();
        var filters = new List<string>();
        var video = "[0:v:0]";
        if (blurs.Count > 0)
        {
            filters.Add(BlurFilter(blurs, startSeconds));
            video = "[v]";
        }
        if (watermark is not null)
        {
            filters.Add($"{video}{WatermarkFilter(watermark)}[w]");
            video = "[w]";
        }
        if (mutes.Count > 0)
        {
            filters.Add("[0:a:0]" + string.Join(',', mutes.Select(m => $"volume=volume=0:enable='{Between(m, startSeconds)}'")) + "[a]");
        }
        if (filters.Count > 0)
        {
            arguments.AddRange(["-filter_complex", string.Join(';', filters)]);
        }
        arguments.AddRange(["-map", video == "[0:v:0]" ? "0:v:0?" : video, "-map", mutes.Count > 0 ? "[a]" : "0:a:0?"]);
        arguments.AddRange(accurate || redactions.Count > 0 || watermark is not null
            ? ["-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k"]
            : ["-c", "copy", "-avoid_negative_ts", "make_zero"]);
        // No creation time or encoder string from the machine: the same cut of the same source gives the same bytes.
        arguments.AddRange(["-map_metadata", "-1", "-fflags", "+bitexact", "-f", "mp4", ClipPlaceholder]);
        return arguments;
    }

    /// <summary>
    /// The text centred near the bottom on a dark box, sized to the frame. The text is taken literally
    /// (<c>expansion=none</c>) and escaped twice: once as the option's value, once more for the filtergraph around it.
    /// </summary>
    private static string WatermarkFilter(string text) =>
        "drawtext=font=Sans:expansion=none:text=" + Escape(Escape(text.Trim(), @"\':"), @"\'[],;")
        + ":fontsize=h/16:fontcolor=white@0.85:box=1:boxcolor=black@0.5:boxborderw=6:x=(w-tw)/2:y=h-th-h/20";

    private static string Escape(string text, string special) =>
        string.Concat(text.Select(c => special.Contains(c) ? "\\" + c : c.ToString()));

    /// <summary>
    /// Each rectangle is cropped from the unredacted frame, blurred as hard as boxblur allows for its size, and laid
    /// back over the frame only while its range lasts.
    /// </summary>
    private static string BlurFilter(List<ClipRedaction> blurs, double clipStart)
    {
        var graph = new List<string>
        {
            "[0:v:0]split=" + (blurs.Count + 1) + "[r]" + string.Concat(Enumerable.Range(0, blurs.Count).Select(i => $"[s{i}]")),
        };
        for (var i = 0; i < blurs.Count; i++)
        {
            var blur = blurs[i];
            graph.Add(string.Create(CultureInfo.InvariantCulture,
                $"[s{i}]crop={blur.Width}:{blur.Height}:{blur.X}:{blur.Y},boxblur=luma_radius='min(w,h)/2':luma_power=3:chroma_radius='min(cw,ch)/2':chroma_power=3[b{i}]"));
            var into = i == 0 ? "[r]" : $"[o{i - 1}]";
            var output = i == blurs.Count - 1 ? "[v]" : $"[o{i}]";
            graph.Add(string.Create(CultureInfo.InvariantCulture, $"{into}[b{i}]overlay={blur.X}:{blur.Y}:enable='{Between(blur, clipStart)}'{output}"));
        }
        return string.Join(';', graph);
    }

    private static string Between(ClipRedaction redaction, double clipStart) =>
        $"between(t,{Seconds(redaction.StartSeconds - clipStart)},{Seconds(redaction.EndSeconds - clipStart)})";

    private static async Task<double> KeyFrameAtOrBeforeAsync(string source, double startSeconds, CancellationToken cancellationToken)
    {
        if (startSeconds <= 0)
        {
            return 0;
        }
        var probe = await MediaTool.RunAsync(
            "ffprobe",
            ["-v", "error", .. RecordingInput.Options, "-select_streams", "v:0", "-read_intervals", Seconds(startSeconds) + "%+#1", "-show_entries", "packet=pts_time", "-of", "csv=p=0", source],
            TimeSpan.FromMinutes(1), cancellationToken);
        return probe.ExitCode == 0 && Number(probe.Output) is { } keyFrame ? Math.Min(keyFrame, startSeconds) : startSeconds;
    }

    /// <summary>
    /// ffmpeg exits 0 when the range holds no packets, e.g. of a source cut off after its index, which still claims its
    /// full length: the MP4 it writes then holds no stream and lasts 0 s. That is a failed cut, not a clip.
    /// </summary>
    private static async Task<double> DurationAsync(string clip, CancellationToken cancellationToken)
    {
        var probe = await MediaTool.RunAsync(
            "ffprobe", ["-v", "error", .. RecordingInput.Options, "-show_entries", "format=nb_streams,duration", "-of", "default=noprint_wrappers=1", clip],
            TimeSpan.FromMinutes(1), cancellationToken);
        if (probe.ExitCode != 0)
        {
            throw new ClipCutFailedException("ffprobe cannot read the clip ffmpeg wrote.");
        }
        var format = probe.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(entry => entry.Length == 2)
            .ToDictionary(entry => entry[0], entry => entry[1], StringComparer.Ordinal);
        if (Number(format.GetValueOrDefault("nb_streams", "")) is not > 0)
        {
            throw new ClipCutFailedException("the clip it wrote holds no audio or video stream.");
        }
        return Number(format.GetValueOrDefault("duration", "")) is double duration and > 0
            ? duration
            : throw new ClipCutFailedException("the clip it wrote has no duration.");
    }

    private static async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        var version = await MediaTool.RunAsync("ffmpeg", ["-version"], TimeSpan.FromMinutes(1), cancellationToken);
        return version.Output.Split('\n')[0].Trim();
    }

    private static double? Number(string text) =>
        double.TryParse(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()?.TrimEnd(','),
            NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string Seconds(double seconds) => seconds.ToString("0.######", CultureInfo.InvariantCulture);
}
