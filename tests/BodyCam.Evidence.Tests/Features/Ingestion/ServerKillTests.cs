using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Ingestion;

/// <summary>
/// The server process dies with SIGKILL in the middle of a PATCH: nothing gets to run on the way down, so
/// whatever the restarted server reports must come from what was committed before the kill.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class ServerKillTests(ApiProfile profile)
{
    private const int BlockSize = 256 * 1024;
    private const int RecordingSize = 64 * 1024 * 1024;
    private const long KillAfter = 16 * 1024 * 1024;

    private ApiProcess _api = null!;

    [SetUp]
    public async Task StartApi()
    {
        _api = await ApiProcess.CreateAsync(profile, ("Ingestion__BlockSizeBytes", BlockSize.ToString(CultureInfo.InvariantCulture)));
        await _api.StartAsync();
    }

    [TearDown]
    public async Task StopApi()
    {
        if (_api is null)
        {
            return;
        }
        if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            await TestContext.Out.WriteLineAsync(_api.ReadLog());
        }
        await _api.DisposeAsync();
    }

    [Test]
    public async Task Resumes_after_the_server_is_killed_without_losing_or_duplicating_bytes()
    {
        using var recording = Recording.Random(RecordingSize);
        var dockKey = await RegisterDockAsync();
        using var dock = DockClient(dockKey);
        var upload = await CreateUploadAsync(dock, recording);

        // The body trickles, so the kill lands well inside one request, with many blocks committed and more to come.
        var body = new TrickledFileContent(recording.Path, piece: 64 * 1024, pause: TimeSpan.FromMilliseconds(2));
        using var sender = DockClient(dockKey);
        var patch = SendIgnoringFailureAsync(sender, PatchRequest(upload, 0, body));
        long committedBeforeKill;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((committedBeforeKill = await OffsetAsync(dock, upload)) < KillAfter)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"The offset stayed at {committedBeforeKill}.\n{_api.ReadLog()}");
            await Task.Delay(20);
        }
        await _api.KillAsync();
        await patch;
        var sent = body.BytesSent;

        await _api.StartAsync();
        var resumedFrom = await OffsetAsync(dock, upload);
        await TestContext.Out.WriteLineAsync($"killed after {sent} bytes sent, {committedBeforeKill} seen committed; resumed from {resumedFrom}");

        Assert.That(resumedFrom, Is.InRange(committedBeforeKill, sent), $"sent {sent}, {committedBeforeKill} seen committed before the kill");
        Assert.That(resumedFrom % BlockSize, Is.Zero, "a block the kill cut short was counted");
        Assert.That(resumedFrom, Is.LessThan(recording.Length), "the kill came too late to interrupt the upload");

        var resumedUrl = await TusJsClient.UploadAsync(new Uri(_api.BaseAddress, "/ingest/tus/"), recording.Path, new
        {
            uploadUrl = upload.ToString(),
            chunkSize = 8 * 1024 * 1024,
            headers = new Dictionary<string, string> { ["X-Dock-Key"] = dockKey },
        });
        Assert.That(resumedUrl, Is.EqualTo(upload), "tus-js-client started a new upload instead of resuming");

        var status = await dock.WaitUntilSettledAsync(upload.Segments[^1]);
        Assert.That((status.Status, status.Sha256, status.Bytes), Is.EqualTo(("Verified", recording.Sha256, recording.Length)), _api.ReadLog());
        Assert.That(await StoredSha256Async(status.EvidenceId), Is.EqualTo(recording.Sha256));
    }

    private async Task<string> RegisterDockAsync()
    {
        using var admin = new HttpClient { BaseAddress = _api.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _api.IssueTokenAsync(Roles.Admin, "ada"));
        var response = await admin.PostAsJsonAsync("/api/docks", new { name = "Kill dock", site = "North precinct" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private HttpClient DockClient(string dockKey)
    {
        var client = new HttpClient { BaseAddress = _api.BaseAddress };
        client.DefaultRequestHeaders.Add("Tus-Resumable", "1.0.0");
        client.DefaultRequestHeaders.Add("X-Dock-Key", dockKey);
        return client;
    }

    private async Task<Uri> CreateUploadAsync(HttpClient dock, Recording recording)
    {
        var creation = new HttpRequestMessage(HttpMethod.Post, "/ingest/tus/");
        creation.Headers.Add("Upload-Length", recording.Length.ToString(CultureInfo.InvariantCulture));
        creation.Headers.Add("Upload-Metadata", Recording.MetadataHeader(recording.Metadata()));
        var response = await dock.SendAsync(creation);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return new Uri(_api.BaseAddress, response.Headers.Location!);
    }

    private static HttpRequestMessage PatchRequest(Uri upload, long offset, HttpContent content)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        var request = new HttpRequestMessage(HttpMethod.Patch, upload) { Content = content };
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        return request;
    }

    /// <summary>The request dies with the server; only what the server committed matters, and HEAD reports that.</summary>
    private static async Task SendIgnoringFailureAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            using var response = await client.SendAsync(request);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
        }
    }

    private static async Task<long> OffsetAsync(HttpClient dock, Uri upload)
    {
        using var head = await dock.SendAsync(new HttpRequestMessage(HttpMethod.Head, upload));
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return long.Parse(head.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
    }

    private async Task<string> StoredSha256Async(Guid evidenceId)
    {
        var blobName = await _api.QueryDbAsync(db => db.EvidenceItems.Where(e => e.Id == evidenceId).Select(e => e.BlobName).SingleAsync());
        await using var stored = await _api.OpenBlobStore().OpenReadAsync(blobName, 0, null, CancellationToken.None);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stored));
    }

    /// <summary>A file sent in small pieces with a pause after each, counting what reached the socket.</summary>
    private sealed class TrickledFileContent(string path, int piece, TimeSpan pause) : HttpContent
    {
        private long _bytesSent;

        public long BytesSent => Interlocked.Read(ref _bytesSent);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await using var file = File.OpenRead(path);
            var buffer = new byte[piece];
            int read;
            while ((read = await file.ReadAsync(buffer)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read));
                await stream.FlushAsync();
                Interlocked.Add(ref _bytesSent, read);
                await Task.Delay(pause);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = new FileInfo(path).Length;
            return true;
        }
    }
}
