using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Infrastructure.Media;
using BodyCam.Evidence.Infrastructure.Storage;

namespace BodyCam.Evidence.Benchmarks.Exports;

/// <summary>
/// The media work of one export package: a 5-minute clip out of a 60-minute 1080p recording (8 Mbit/s H.264 with
/// a key frame every 2 s, AAC), cut by the export job's <see cref="ClipCutter"/>, hashed, stored in the zip by the
/// package writer's <see cref="ExportPackageWriter.AddClipAsync"/>, and the zip hashed, each hash by the job's own
/// <see cref="FileDigest"/>. The package's custody and proof files are a few kB and are not
/// timed. The recording is made once with ffmpeg (one minute encoded, then repeated by stream copy) and kept in
/// ~/.cache/bodycam-bench. Run:
/// dotnet run -c Release --project tests/BodyCam.Evidence.Benchmarks -- --filter '*ClipPackage*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class ClipPackageBenchmarks
{
    private const double ClipStart = 1_500.5;
    private const double ClipEnd = ClipStart + 300;

    private string _source = null!;
    private string _workspace = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _source = await BenchmarkRecordings.SixtyMinutes1080pAsync();
        _workspace = Directory.CreateTempSubdirectory("bodycam-bench-export-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_workspace, recursive: true);

    [Benchmark]
    public Task<long> StreamCopy() => PackageAsync(accurate: false);

    public async Task<long> PackageAsync(bool accurate)
    {
        var clip = Path.Combine(_workspace, "clip.mp4");
        var zipPath = Path.Combine(_workspace, "export.zip");
        await ClipCutter.CutAsync(
            _source, clip, ClipStart, ClipEnd, accurate, [], watermark: null, TimeSpan.FromHours(1), _ => Task.CompletedTask, CancellationToken.None);
        await FileDigest.Sha256Async(clip, CancellationToken.None);
        await using (var file = File.Create(zipPath))
        await using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            await ExportPackageWriter.AddClipAsync(zip, clip, CancellationToken.None);
        }
        var (_, zipBytes) = await FileDigest.Sha256Async(zipPath, CancellationToken.None);
        return zipBytes;
    }
}

/// <summary>The same package with a frame-accurate re-encode; one run, since each takes minutes on two cores.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class ClipPackageReencodeBenchmarks
{
    private readonly ClipPackageBenchmarks _package = new();

    [GlobalSetup]
    public async Task Setup() => await _package.Setup();

    [GlobalCleanup]
    public void Cleanup() => _package.Cleanup();

    [Benchmark]
    public Task<long> Reencode() => _package.PackageAsync(accurate: true);
}

internal static class BenchmarkRecordings
{
    public static async Task<string> SixtyMinutes1080pAsync()
    {
        var folder = Directory.CreateDirectory(Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "bodycam-bench")).FullName;
        var recording = Path.Combine(folder, "recording-60min-1080p.mp4");
        if (File.Exists(recording))
        {
            return recording;
        }

        var minute = Path.Combine(folder, "minute-1080p.mp4");
        await FfmpegAsync(folder,
            "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "60", "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "8M", "-maxrate", "8M", "-bufsize", "16M",
            "-g", "60", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", minute);
        var list = Path.Combine(folder, "minutes.txt");
        await File.WriteAllLinesAsync(list, Enumerable.Repeat("file 'minute-1080p.mp4'", 60));
        var partial = recording + ".partial.mp4";
        await FfmpegAsync(folder, "-f", "concat", "-safe", "0", "-i", list, "-c", "copy", "-movflags", "+faststart", partial);
        File.Move(partial, recording);
        return recording;
    }

    private static async Task FfmpegAsync(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { WorkingDirectory = folder, RedirectStandardError = true };
        foreach (var argument in (string[])["-v", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        using var ffmpeg = Process.Start(start)!;
        var errors = await ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        if (ffmpeg.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"ffmpeg exited {ffmpeg.ExitCode}: {errors}"));
        }
    }
}
