using BodyCam.Evidence.Infrastructure.Media;

namespace BodyCam.Evidence.Tests.Infrastructure.Media;

public sealed class ClipCutterTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() =>
        _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "bodycam-cut-" + Guid.NewGuid().ToString("N"))).FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_playlist_naming_a_video_on_the_server_is_not_cut_and_the_failure_names_its_format(bool accurate)
    {
        var video = Path.Combine(_folder, "elsewhere.mp4");
        await LocalServices.RunAsync("ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i", "testsrc=duration=4:size=320x240:rate=25",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", video);
        var playlist = Path.Combine(_folder, "source.mp4");
        await File.WriteAllTextAsync(playlist, $"#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\n{video}\n#EXT-X-ENDLIST\n");
        var clip = Path.Combine(_folder, "clip.mp4");

        var cut = async () => await ClipCutter.CutAsync(
            playlist, clip, 1, 3, accurate, [], watermark: null, TimeSpan.FromMinutes(1), _ => Task.CompletedTask, CancellationToken.None);

        Assert.That(cut, Throws.InstanceOf<ClipCutFailedException>().With.Message.EqualTo(
            "The media is in the hls format, which is not a recording container read here (QuickTime/MP4, Matroska/WebM, MPEG-TS, AVI)."));
        Assert.That(new FileInfo(clip) is { Exists: true, Length: > 0 }, Is.False);
    }
}
