using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;

namespace BodyCam.Evidence.Tests.ScaleOut;

/// <summary>
/// Bounded load on loopback: forty docks upload 64 MiB each at once, in 8 MiB tus chunks, through two API
/// processes, with a worker verifying. Every upload must complete and verify; throughput, PATCH latency and
/// each process's peak memory are printed for the record, never asserted (machines are noisy).
/// </summary>
public sealed class LoadTests
{
    private const int Docks = 40;
    private const int RecordingBytes = 64 * 1024 * 1024;
    private const int ChunkBytes = 8 * 1024 * 1024;

    [Test]
    public async Task Forty_docks_uploading_at_once_through_two_api_processes_all_complete_and_verify()
    {
        await using var first = await ApiProcess.CreateAsync(ApiProfile.Production, ("Host__Role", "api"));
        await first.StartAsync();
        await using var second = first.Join(("Host__Role", "api"));
        await using var worker = first.Join(("Host__Role", "worker"));
        await Task.WhenAll(second.StartAsync(), worker.StartAsync());
        using var recording = Recording.Random(RecordingBytes);
        var bytes = await File.ReadAllBytesAsync(recording.Path);
        var adminToken = await first.IssueTokenAsync(Roles.Admin, "ada");
        var keys = await Task.WhenAll(Enumerable.Range(0, Docks).Select(_ => first.RegisterDockAsync(adminToken)));
        var patchLatencies = new System.Collections.Concurrent.ConcurrentBag<double>();

        var clock = Stopwatch.StartNew();
        var uploads = await Task.WhenAll(keys.Select((key, i) => UploadAsync(i % 2 == 0 ? first : second, key, recording, bytes, patchLatencies)));
        var received = clock.Elapsed;
        var statuses = await Task.WhenAll(uploads.Select(upload => upload.Dock.WaitUntilSettledAsync(upload.Id)));
        var verified = clock.Elapsed;

        Assert.That(statuses.Select(s => (s.Status, s.Sha256)), Is.All.EqualTo(("Verified", recording.Sha256)));
        var sorted = patchLatencies.Order().ToList();
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{Docks} docks x {RecordingBytes >> 20} MiB in {ChunkBytes >> 20} MiB PATCHes: received in {received.TotalSeconds:0.0} s " +
            $"({Docks * (double)RecordingBytes / (1 << 20) / received.TotalSeconds:0} MiB/s), all verified after {verified.TotalSeconds:0.0} s; " +
            $"PATCH p50 {sorted[sorted.Count / 2]:0} ms, p95 {sorted[(int)(sorted.Count * 0.95)]:0} ms; peak RSS api {first.PeakResidentBytes() >> 20} MiB, " +
            $"api {second.PeakResidentBytes() >> 20} MiB, worker {worker.PeakResidentBytes() >> 20} MiB"));
        foreach (var upload in uploads)
        {
            upload.Dock.Dispose();
        }
    }

    private static async Task<(HttpClient Dock, string Id)> UploadAsync(
        ApiProcess api, string dockKey, Recording recording, byte[] bytes, System.Collections.Concurrent.ConcurrentBag<double> latencies)
    {
        var dock = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        dock.DefaultRequestHeaders.Add("Tus-Resumable", "1.0.0");
        dock.DefaultRequestHeaders.Add("X-Dock-Key", dockKey);
        var creation = new HttpRequestMessage(HttpMethod.Post, "/ingest/tus/");
        creation.Headers.Add("Upload-Length", bytes.Length.ToString(CultureInfo.InvariantCulture));
        creation.Headers.Add("Upload-Metadata", Recording.MetadataHeader(recording.Metadata()));
        var created = await dock.SendAsync(creation);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var id = created.Headers.Location!.ToString().Split('/')[^1];
        for (var offset = 0; offset < bytes.Length; offset += ChunkBytes)
        {
            var content = new ByteArrayContent(bytes, offset, Math.Min(ChunkBytes, bytes.Length - offset));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            var patch = new HttpRequestMessage(HttpMethod.Patch, $"/ingest/tus/{id}") { Content = content };
            patch.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
            var started = Stopwatch.GetTimestamp();
            var response = await dock.SendAsync(patch);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        }
        return (dock, id);
    }

}
