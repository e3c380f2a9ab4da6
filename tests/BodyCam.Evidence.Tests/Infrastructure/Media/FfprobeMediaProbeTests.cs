using System.ComponentModel;
using System.Text;
using BodyCam.Evidence.Infrastructure.Media;
using BodyCam.Evidence.Tests.Support;

namespace BodyCam.Evidence.Tests.Infrastructure.Media;

public sealed class FfprobeMediaProbeTests
{
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];

    private string _folder = "";
    private string _poster = "";

    [SetUp]
    public void CreateFolder()
    {
        _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "bodycam-media-" + Guid.NewGuid().ToString("N"))).FullName;
        _poster = Path.Combine(_folder, "poster.jpg");
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_short_video_yields_its_duration_codecs_size_and_frame_rate_and_a_poster()
    {
        var clip = await MakeVideoAsync("clip.mp4", seconds: 2, size: "320x240", "-metadata", "creation_time=2026-11-26T12:30:45Z");

        var result = await new FfprobeMediaProbe().ProbeAsync(clip, _poster, CancellationToken.None);

        var readable = ExpectReadable(result);
        var facts = readable.Facts;
        Assert.Multiple(() =>
        {
            Assert.That(facts.DurationSeconds, Is.EqualTo(2.0).Within(0.1));
            Assert.That(facts.Container, Is.EqualTo("mov,mp4,m4a,3gp,3g2,mj2"));
            Assert.That(facts.VideoCodec, Is.EqualTo("h264"));
            Assert.That(facts.AudioCodec, Is.EqualTo("aac"));
            Assert.That(facts.Width, Is.EqualTo(320));
            Assert.That(facts.Height, Is.EqualTo(240));
            Assert.That(facts.FrameRate, Is.EqualTo(25.0));
            Assert.That(facts.BitRate, Is.EqualTo(new FileInfo(clip).Length * 8 / 2).Within(2_000));
            Assert.That(facts.CreationTime, Is.EqualTo(new DateTimeOffset(2026, 11, 26, 12, 30, 45, TimeSpan.Zero)));
            Assert.That(facts.CreationTime?.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(readable.PosterWritten, Is.True);
        });
        Assert.That(File.ReadAllBytes(_poster).Take(3), Is.EqualTo(JpegMagic));
        Assert.That(await PictureSizeAsync(_poster), Is.EqualTo("320,240"));
        Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "clip.mp4", "poster.jpg" }));
    }

    [Test]
    public async Task A_clip_shorter_than_two_seconds_gets_a_poster_from_its_middle_scaled_to_320_wide()
    {
        // A frame from 1 s in does not exist in a 0.6 s clip: ffmpeg would exit 0 and write nothing.
        var clip = await MakeVideoAsync("short.mp4", seconds: 0.6, size: "640x360");

        var result = await new FfprobeMediaProbe().ProbeAsync(clip, _poster, CancellationToken.None);

        var readable = ExpectReadable(result);
        Assert.Multiple(() =>
        {
            Assert.That(readable.Facts.DurationSeconds, Is.EqualTo(0.6).Within(0.1));
            Assert.That(readable.Facts.Width, Is.EqualTo(640));
            Assert.That(readable.PosterWritten, Is.True);
        });
        Assert.That(File.ReadAllBytes(_poster).Take(3), Is.EqualTo(JpegMagic));
        Assert.That(await PictureSizeAsync(_poster), Is.EqualTo("320,180"));
    }

    [Test]
    public async Task Audio_only_media_has_no_video_facts_and_no_poster()
    {
        var audio = Path.Combine(_folder, "interview.m4a");
        await FfmpegAsync("-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:a", "aac", audio);

        var result = await new FfprobeMediaProbe().ProbeAsync(audio, _poster, CancellationToken.None);

        var readable = ExpectReadable(result);
        Assert.Multiple(() =>
        {
            Assert.That(readable.Facts.DurationSeconds, Is.EqualTo(3.0).Within(0.1));
            Assert.That(readable.Facts.AudioCodec, Is.EqualTo("aac"));
            Assert.That(readable.Facts.VideoCodec, Is.Null);
            Assert.That(readable.Facts.Width, Is.Null);
            Assert.That(readable.Facts.Height, Is.Null);
            Assert.That(readable.Facts.FrameRate, Is.Null);
            Assert.That(readable.Facts.CreationTime, Is.Null);
            Assert.That(readable.PosterWritten, Is.False);
            Assert.That(File.Exists(_poster), Is.False);
        });
    }

    [Test]
    public async Task Cover_art_in_an_audio_file_is_not_taken_for_video()
    {
        var cover = Path.Combine(_folder, "cover.jpg");
        await FfmpegAsync("-f", "lavfi", "-i", "testsrc=size=320x240", "-frames:v", "1", cover);
        var audio = Path.Combine(_folder, "with-cover.m4a");
        await FfmpegAsync(
            "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-i", cover,
            "-map", "0:a", "-map", "1:v", "-c:a", "aac", "-c:v", "copy", "-disposition:v", "attached_pic", audio);

        var result = await new FfprobeMediaProbe().ProbeAsync(audio, _poster, CancellationToken.None);

        var readable = ExpectReadable(result);
        Assert.Multiple(() =>
        {
            Assert.That(readable.Facts.Container, Is.EqualTo("mov,mp4,m4a,3gp,3g2,mj2"));
            Assert.That(readable.Facts.AudioCodec, Is.EqualTo("aac"));
            Assert.That(readable.Facts.VideoCodec, Is.Null);
            Assert.That(readable.Facts.Width, Is.Null);
            Assert.That(readable.PosterWritten, Is.False);
            Assert.That(File.Exists(_poster), Is.False);
        });
    }

    [TestCase("mkv", "matroska,webm", "-c:v", "libx264")]
    [TestCase("webm", "matroska,webm", "-c:v", "libvpx", "-b:v", "200k")]
    [TestCase("ts", "mpegts", "-c:v", "libx264")]
    [TestCase("avi", "avi", "-c:v", "mpeg4")]
    [TestCase("mov", "mov,mp4,m4a,3gp,3g2,mj2", "-c:v", "libx264")]
    public async Task Recordings_in_each_accepted_container_are_read_and_get_a_poster(string extension, string container, params string[] codec)
    {
        var recording = Path.Combine(_folder, "recording." + extension);
        // A key frame every second, as cameras write them: the poster is taken at 1 s.
        await FfmpegAsync(["-f", "lavfi", "-i", "testsrc=duration=2:size=320x240:rate=25", .. codec, "-g", "25", recording]);

        var result = await new FfprobeMediaProbe().ProbeAsync(recording, _poster, CancellationToken.None);

        var readable = ExpectReadable(result);
        Assert.That((readable.Facts.Container, readable.Facts.Width, readable.PosterWritten), Is.EqualTo((container, (int?)320, true)));
    }

    [TestCase("an HLS playlist named clip.mp4 naming the file by its path", "hls")]
    [TestCase("an HLS playlist naming the file by a file URL", "hls")]
    [TestCase("an HLS playlist naming the file's header in #EXT-X-MAP", "hls")]
    [TestCase("a DASH manifest naming the file in <BaseURL>", "dash")]
    [TestCase("an ffconcat script naming the file beside it", "concat")]
    [TestCase("an MP3, which is not a container cameras record into", "mp3")]
    public async Task What_names_other_files_or_is_no_recording_container_is_unreadable_naming_its_format_and_gets_no_poster(string upload, string format)
    {
        var media = await IndirectMediaAsync(upload);

        var result = await new FfprobeMediaProbe().ProbeAsync(media, _poster, CancellationToken.None);

        Assert.That(ExpectUnreadable(result), Is.EqualTo(
            $"The media is in the {format} format, which is not a recording container read here (QuickTime/MP4, Matroska/WebM, MPEG-TS, AVI)."));
        Assert.That(File.Exists(_poster), Is.False);
    }

    [Test]
    public async Task A_file_that_is_not_media_is_unreadable_with_a_reason()
    {
        var statement = Path.Combine(_folder, "statement.txt");
        await File.WriteAllTextAsync(statement, "Witness statement, taken at the scene.\nThe car was blue.\n");

        var result = await new FfprobeMediaProbe().ProbeAsync(statement, _poster, CancellationToken.None);

        var reason = ExpectUnreadable(result);
        Assert.That(reason, Is.EqualTo("Invalid data found when processing input"));
        Assert.That(File.Exists(_poster), Is.False);
    }

    [Test]
    public async Task A_recording_cut_off_before_its_index_is_unreadable_because_the_moov_atom_is_missing()
    {
        // ffmpeg writes the MP4 index (moov) after the media data unless asked for +faststart, as a camera that loses power mid-recording would never get to.
        var clip = await MakeVideoAsync("clip.mp4", seconds: 2, size: "320x240");
        var cut = await CopyPrefixAsync(clip, "cut.mp4", length: (int)new FileInfo(clip).Length / 2);

        var result = await new FfprobeMediaProbe().ProbeAsync(cut, _poster, CancellationToken.None);

        var reason = ExpectUnreadable(result);
        Assert.That(reason, Is.EqualTo("[mov,mp4,m4a,3gp,3g2,mj2] moov atom not found; Invalid data found when processing input"));
        Assert.That(reason, Does.Not.Contain(_folder));
    }

    [Test]
    public async Task A_recording_cut_off_after_its_index_is_described_from_the_index_but_gets_no_poster()
    {
        var clip = await MakeVideoAsync("clip.mp4", seconds: 2, size: "320x240", "-movflags", "+faststart");
        var bytes = await File.ReadAllBytesAsync(clip);
        var mediaData = bytes.AsSpan().IndexOf("mdat"u8);
        Assert.That(mediaData, Is.GreaterThan(0));
        var cut = await CopyPrefixAsync(clip, "cut.mp4", length: mediaData + 256);

        var result = await new FfprobeMediaProbe().ProbeAsync(cut, _poster, CancellationToken.None);

        var readable = ExpectReadable(result);
        Assert.Multiple(() =>
        {
            Assert.That(readable.Facts.DurationSeconds, Is.EqualTo(2.0).Within(0.1), "the index still claims the full length");
            Assert.That(readable.Facts.VideoCodec, Is.EqualTo("h264"));
            Assert.That(readable.Facts.Width, Is.EqualTo(320));
            Assert.That(readable.PosterWritten, Is.False);
            Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "clip.mp4", "cut.mp4" }));
        });
    }

    [Test]
    public async Task A_probe_that_outlasts_its_timeout_is_killed_and_the_media_unreadable()
    {
        var pipe = await MakePipeNobodyWritesToAsync();

        var result = await new FfprobeMediaProbe(TimeSpan.FromSeconds(1)).ProbeAsync(pipe, _poster, CancellationToken.None);

        Assert.That(ExpectUnreadable(result), Is.EqualTo("ffprobe timed out after 1 s."));
        Assert.That(ProcessesNaming(pipe), Is.Empty);
    }

    [Test]
    public async Task A_cancelled_probe_throws_and_leaves_no_process_behind()
    {
        var pipe = await MakePipeNobodyWritesToAsync();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        Assert.That(
            async () => await new FfprobeMediaProbe().ProbeAsync(pipe, _poster, cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(ProcessesNaming(pipe), Is.Empty);
    }

    [Test]
    public async Task A_missing_ffprobe_is_thrown_so_that_the_job_is_retried()
    {
        var clip = await MakeVideoAsync("clip.mp4", seconds: 1, size: "320x240");
        var probe = new FfprobeMediaProbe(TimeSpan.FromMinutes(1), ffprobe: "ffprobe-not-installed-" + Guid.NewGuid().ToString("N"), ffmpeg: "ffmpeg");

        Assert.That(async () => await probe.ProbeAsync(clip, _poster, CancellationToken.None), Throws.InstanceOf<Win32Exception>());
    }

    [Test]
    public void Media_that_is_not_on_disk_is_thrown_so_that_the_job_is_retried()
    {
        var missing = Path.Combine(_folder, "never-downloaded.mp4");

        Assert.That(
            async () => await new FfprobeMediaProbe().ProbeAsync(missing, _poster, CancellationToken.None),
            Throws.InstanceOf<FileNotFoundException>());
    }

    private static MediaProbeResult.Readable ExpectReadable(MediaProbeResult result)
    {
        Assert.That(result, Is.InstanceOf<MediaProbeResult.Readable>(), () => $"{result}");
        return (MediaProbeResult.Readable)result;
    }

    private static string ExpectUnreadable(MediaProbeResult result)
    {
        Assert.That(result, Is.InstanceOf<MediaProbeResult.Unreadable>(), () => $"{result}");
        return ((MediaProbeResult.Unreadable)result).Reason;
    }

    private async Task<string> MakeVideoAsync(string name, double seconds, string size, params string[] outputOptions)
    {
        var path = Path.Combine(_folder, name);
        var duration = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await FfmpegAsync(
            [
                "-f", "lavfi", "-i", $"testsrc=duration={duration}:size={size}:rate=25",
                "-f", "lavfi", "-i", $"sine=frequency=440:duration={duration}",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", .. outputOptions, path,
            ]);
        return path;
    }

    /// <summary>
    /// A file a dock could upload that names a real video elsewhere on the machine, each of which ffprobe, unrestricted,
    /// reads as if it were the upload; or, for "an MP3", a recording in a container that is not read.
    /// </summary>
    private async Task<string> IndirectMediaAsync(string upload)
    {
        var video = await MakeVideoAsync("elsewhere.mp4", seconds: 2, size: "320x240");
        switch (upload)
        {
            case "an HLS playlist named clip.mp4 naming the file by its path":
                return await WriteAsync("clip.mp4", IndirectMedia.HlsPlaylist(video, seconds: 2));
            case "an HLS playlist naming the file by a file URL":
                return await WriteAsync("clip.m3u8", IndirectMedia.HlsPlaylist(new Uri(video).AbsoluteUri, seconds: 2));
            case "an HLS playlist naming the file's header in #EXT-X-MAP":
                var segments = Directory.CreateDirectory(Path.Combine(_folder, "fmp4")).FullName;
                return await WriteAsync("clip.m3u8", await IndirectMedia.FragmentedHlsPlaylistAsync(video, segments, seconds: 2));
            case "a DASH manifest naming the file in <BaseURL>":
                return await WriteAsync("clip.mpd", IndirectMedia.DashManifest(video, seconds: 2));
            case "an ffconcat script naming the file beside it":
                // ffconcat refuses absolute paths by default, not a name in its own folder: another blob, in a filesystem store.
                return await WriteAsync("clip.mp4", "ffconcat version 1.0\nfile elsewhere.mp4\n");
            default:
                var mp3 = Path.Combine(_folder, "interview.mp3");
                await FfmpegAsync("-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "libmp3lame", mp3);
                return mp3;
        }
    }

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private async Task<string> CopyPrefixAsync(string source, string name, int length)
    {
        var path = Path.Combine(_folder, name);
        await using var input = File.OpenRead(source);
        var prefix = new byte[length];
        await input.ReadExactlyAsync(prefix);
        await File.WriteAllBytesAsync(path, prefix);
        return path;
    }

    /// <summary>ffprobe blocks in open(2) on a FIFO until a writer appears, which here never happens.</summary>
    private async Task<string> MakePipeNobodyWritesToAsync()
    {
        var pipe = Path.Combine(_folder, "stuck.mp4");
        await LocalServices.RunAsync("mkfifo", pipe);
        return pipe;
    }

    private static async Task FfmpegAsync(params string[] arguments) =>
        await LocalServices.RunAsync("ffmpeg", ["-v", "error", "-nostdin", "-y", .. arguments]);

    private static async Task<string> PictureSizeAsync(string picture) =>
        (await LocalServices.RunAsync("ffprobe", "-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0", picture)).Trim();

    private static List<int> ProcessesNaming(string path) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(folder => (Id: int.TryParse(Path.GetFileName(folder), out var id) ? id : 0, CommandLine: Path.Combine(folder, "cmdline")))
            .Where(process => process.Id > 0 && ReadOrEmpty(process.CommandLine).Contains(path, StringComparison.Ordinal))
            .Select(process => process.Id)];

    private static string ReadOrEmpty(string file)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(file));
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
