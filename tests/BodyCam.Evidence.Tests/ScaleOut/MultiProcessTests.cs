using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Cli;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.ScaleOut;

/// <summary>
/// The production deployment on one machine: two API processes and two worker processes, as separate OS
/// processes, sharing one PostgreSQL database and one Azurite container, the way replicas share them.
/// </summary>
public sealed class MultiProcessTests
{
    private const int Chunk = 256 * 1024;

    private ApiProcess _first = null!;
    private ApiProcess _second = null!;
    private ApiProcess _worker = null!;
    private ApiProcess _otherWorker = null!;
    private string _dockKey = "";

    [OneTimeSetUp]
    public async Task StartDeployment()
    {
        _first = await ApiProcess.CreateAsync(ApiProfile.Production, ("Host__Role", "api"), ("Ingestion__BlockSizeBytes", "65536"));
        await _first.StartAsync();
        _second = _first.Join(("Host__Role", "api"), ("Ingestion__BlockSizeBytes", "65536"));
        _worker = _first.Join(("Host__Role", "worker"));
        _otherWorker = _first.Join(("Host__Role", "worker"));
        await Task.WhenAll(_second.StartAsync(), _worker.StartAsync(), _otherWorker.StartAsync());
        _dockKey = await _first.RegisterDockAsync(await _first.IssueTokenAsync(Roles.Admin, "ada"));
    }

    [OneTimeTearDown]
    public async Task StopDeployment()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            await TestContext.Out.WriteLineAsync(_first.ReadLog() + _second.ReadLog() + _worker.ReadLog() + _otherWorker.ReadLog());
        }
        await _otherWorker.DisposeAsync();
        await _worker.DisposeAsync();
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Test]
    public async Task An_upload_whose_patches_alternate_between_two_api_processes_is_verified_byte_for_byte()
    {
        using var recording = Recording.Random((10 * Chunk) + 12345);
        var bytes = await File.ReadAllBytesAsync(recording.Path);
        using var first = DockClient(_first);
        using var second = DockClient(_second);
        var upload = await CreateUploadAsync(first, recording);

        var turn = 0;
        for (var offset = 0; offset < bytes.Length; offset += Chunk, turn++)
        {
            var (client, process) = turn % 2 == 0 ? (first, _first) : (second, _second);
            var response = await client.SendAsync(PatchRequest(process, upload, offset, new ByteArrayContent(bytes[offset..Math.Min(offset + Chunk, bytes.Length)])));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
            Assert.That(await OffsetAsync(turn % 2 == 0 ? second : first, turn % 2 == 0 ? _second : _first, upload), Is.EqualTo(Math.Min(offset + Chunk, bytes.Length)),
                "the other process sees the offset this one committed");
        }

        var status = await second.WaitUntilSettledAsync(upload);
        Assert.That((status.Status, status.Sha256, status.Bytes), Is.EqualTo(("Verified", recording.Sha256, recording.Length)), "the worker process verified it");
        var blobName = await _first.QueryDbAsync(db => db.EvidenceItems.Where(e => e.Id == status.EvidenceId).Select(e => e.BlobName).SingleAsync());
        await using var stored = await _first.OpenBlobStore().OpenReadAsync(blobName, 0, null, CancellationToken.None);
        Assert.That(Convert.ToHexStringLower(await SHA256.HashDataAsync(stored)), Is.EqualTo(recording.Sha256));
    }

    [Test]
    public async Task A_patch_through_one_api_process_while_the_other_writes_the_same_upload_is_423()
    {
        using var recording = Recording.Random(4 * Chunk);
        var bytes = await File.ReadAllBytesAsync(recording.Path);
        using var first = DockClient(_first);
        using var second = DockClient(_second);
        var upload = await CreateUploadAsync(first, recording);
        var held = new HeldContent(bytes);

        var running = first.SendAsync(PatchRequest(_first, upload, 0, held));
        await held.FirstPartSent;
        var competing = await WhileHeldAsync(() => second.SendAsync(PatchRequest(_second, upload, 0, new ByteArrayContent(bytes))));
        held.Release();
        var completed = await running;

        Assert.That(competing.StatusCode, Is.EqualTo((HttpStatusCode)423), await competing.Content.ReadAsStringAsync());
        Assert.That(completed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await completed.Content.ReadAsStringAsync());
        Assert.That(await OffsetAsync(second, _second, upload), Is.EqualTo(bytes.Length));
    }

    [Test]
    public async Task Four_processes_appending_custody_events_at_once_leave_a_gap_free_log_whose_root_is_signed()
    {
        var before = await _first.QueryDbAsync(db => db.CustodyEvents.CountAsync());
        var adminToken = await _first.IssueTokenAsync(Roles.Admin, "ada");

        var registrations = Enumerable.Range(0, 20)
            .Select(i => (i % 2 == 0 ? _first : _second).RegisterDockAsync(adminToken))
            .Cast<Task>()
            .Concat(Enumerable.Range(0, 2).Select(_ => ConnectionFilesFromTheCommandLineAsync(3)));
        await Task.WhenAll(registrations);

        var sequences = await _first.QueryDbAsync(db => db.CustodyEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.That(sequences.Count, Is.GreaterThanOrEqualTo(before + 26));
        Assert.That(sequences, Is.EqualTo(Enumerable.Range(0, sequences.Count).Select(i => (long)i)), "no gaps, no duplicates");
        var leaves = await _first.QueryDbAsync(db => db.CustodyEvents.OrderBy(e => e.Sequence).Select(e => e.LeafHash).ToListAsync());
        var checkpoint = await CheckpointCoveringAsync(leaves.Count);
        Assert.That(checkpoint.RootHash, Is.EqualTo(MerkleTree.RootHash(leaves.Take((int)checkpoint.TreeSize).ToList())), "the signed root is the root of the rows");
    }

    /// <summary>The command line registers docks straight in the database: a process that is not the API, appending to the same log.</summary>
    private async Task ConnectionFilesFromTheCommandLineAsync(int count)
    {
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Evidence"] = _first.DatabaseConnection,
            ["Data__Root"] = _first.DataRoot,
        };
        for (var i = 0; i < count; i++)
        {
            var (exitCode, _, errors) = await LocalServices.RunToExitAsync(
                "dotnet", environment, CliTests.CliAssembly, "axis", "connection-file", "--site", $"Cli {i}", "--url", "http://127.0.0.1");
            Assert.That(exitCode, Is.Zero, errors);
        }
    }

    private async Task<Checkpoint> CheckpointCoveringAsync(int size)
    {
        using var client = new HttpClient { BaseAddress = _second.BaseAddress };
        var key = NoteVerifierKey.Parse((await client.GetStringAsync("/api/ledger/key")).Trim());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.GetAsync("/api/ledger/checkpoint");
            var checkpoint = response.IsSuccessStatusCode ? Checkpoint.Verify(await response.Content.ReadAsStringAsync(), key) : null;
            if (checkpoint is not null && (checkpoint.TreeSize >= size || DateTime.UtcNow > deadline))
            {
                Assert.That(checkpoint.TreeSize, Is.GreaterThanOrEqualTo(size), "the worker signs the grown log within seconds");
                return checkpoint;
            }
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "no checkpoint was signed");
            await Task.Delay(500);
        }
    }

    /// <summary>The competing request is sent after the held one has surely taken its lock: its headers and first half are out.</summary>
    private static async Task<HttpResponseMessage> WhileHeldAsync(Func<Task<HttpResponseMessage>> send)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        return await send();
    }


    private HttpClient DockClient(ApiProcess api)
    {
        var client = new HttpClient { BaseAddress = api.BaseAddress };
        client.DefaultRequestHeaders.Add("Tus-Resumable", "1.0.0");
        client.DefaultRequestHeaders.Add("X-Dock-Key", _dockKey);
        return client;
    }

    private static async Task<string> CreateUploadAsync(HttpClient dock, Recording recording)
    {
        var creation = new HttpRequestMessage(HttpMethod.Post, "/ingest/tus/");
        creation.Headers.Add("Upload-Length", recording.Length.ToString(CultureInfo.InvariantCulture));
        creation.Headers.Add("Upload-Metadata", Recording.MetadataHeader(recording.Metadata()));
        var response = await dock.SendAsync(creation);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.ToString().Split('/')[^1];
    }

    private static HttpRequestMessage PatchRequest(ApiProcess api, string uploadId, long offset, HttpContent content)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(api.BaseAddress, $"/ingest/tus/{uploadId}")) { Content = content };
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        return request;
    }

    private static async Task<long> OffsetAsync(HttpClient dock, ApiProcess api, string uploadId)
    {
        using var head = await dock.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(api.BaseAddress, $"/ingest/tus/{uploadId}")));
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return long.Parse(head.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
    }
}
