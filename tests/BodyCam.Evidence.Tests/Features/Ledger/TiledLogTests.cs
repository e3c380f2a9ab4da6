using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Ledger;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Features.Ledger;

/// <summary>
/// The custody log read as c2sp.org/tlog-tiles over real HTTP, by the verification library's tile reader. The log is
/// grown in bulk through the application's own unit of work, integrated and checkpointed by the server's code.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class TiledLogTests(ApiProfile profile)
{
    private EvidenceApiFactory _api = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _auditor = null!;

    [OneTimeSetUp]
    public async Task StartApi()
    {
        _api = await EvidenceApiFactory.StartAsync(profile, overNetwork: true);
        _anonymous = new HttpClient { BaseAddress = _api.BaseAddress };
        _auditor = ClientFor(Roles.Auditor, "tile-auditor");
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        _anonymous.Dispose();
        _auditor.Dispose();
        await _api.DisposeAsync();
    }

    /// <summary>On a host of its own, whose log no other test grows.</summary>
    [Test]
    public async Task The_root_recomputed_from_the_served_tiles_equals_the_checkpoints_on_and_off_tile_boundaries()
    {
        await using var api = await EvidenceApiFactory.StartAsync(profile, overNetwork: true);
        using var anonymous = new HttpClient { BaseAddress = api.BaseAddress };
        using var auditor = ClientFor(api, Roles.Auditor, "tile-auditor");
        var key = NoteVerifierKey.Parse((await anonymous.GetStringAsync("/api/ledger/key")).Trim());
        var hashTiles = new TileReader(FetcherFor(anonymous));
        var checkpoints = new List<Checkpoint>();
        foreach (var size in new long[] { 255, 256, 257, 65_537 })
        {
            await GrowLogToAsync(api, size);
            await SignCheckpointAsync(api);

            var checkpoint = Checkpoint.Verify(await anonymous.GetStringAsync("/log/checkpoint"), key);

            Assert.That(checkpoint.TreeSize, Is.EqualTo(size));
            Assert.That(await hashTiles.RootHashAsync(size, CancellationToken.None), Is.EqualTo(checkpoint.RootHash), $"root of {size} entries");
            Assert.That(await GoTileReaderRootAsync(api, checkpoint), Is.EqualTo(Convert.ToBase64String(checkpoint.RootHash)), $"Go's tlog, {size} entries");
            var last = await hashTiles.InclusionProofAsync(size - 1, size, CancellationToken.None);
            var lastLeaf = await LeafHashAsync(api, size - 1);
            Assert.That(MerkleTree.VerifyInclusion(lastLeaf, size - 1, size, last, checkpoint.RootHash), Is.True, $"the last entry of {size}");
            checkpoints.Add(checkpoint);
        }
        for (var i = 1; i < checkpoints.Count; i++)
        {
            var (older, newer) = (checkpoints[i - 1], checkpoints[i]);
            var proof = await hashTiles.ConsistencyProofAsync(older.TreeSize, newer.TreeSize, CancellationToken.None);
            Assert.That(MerkleTree.VerifyConsistency(older.TreeSize, newer.TreeSize, proof, older.RootHash, newer.RootHash), Is.True, $"{older.TreeSize} to {newer.TreeSize}");
        }

        // Entry bundles of the last tree, full and partial, checked entry by entry against the level-0 tiles.
        var withEntries = new TileReader(FetcherFor(auditor));
        var fullBundle = await withEntries.EntriesAsync(0, 65_537, CancellationToken.None);
        var partialBundle = await withEntries.EntriesAsync(256, 65_537, CancellationToken.None);
        await using var db = api.OpenDb();
        var stored = await db.CustodyEvents.Where(e => e.Sequence < 256 || e.Sequence == 65_536).OrderBy(e => e.Sequence).Select(e => e.Entry).ToListAsync();
        Assert.That(fullBundle.Concat(partialBundle), Is.EqualTo(stored));
    }

    [Test]
    public async Task An_entry_bundles_leaf_hashes_are_the_level_0_tiles_hashes()
    {
        await GrowLogToAtLeastAsync(3);
        await SignCheckpointAsync(_api);

        var tile = await _anonymous.GetByteArrayAsync("/log/tile/0/000.p/3");
        var bundle = await _auditor.GetByteArrayAsync("/log/tile/entries/000.p/3");

        Assert.That(EntryBundle.Parse(bundle).SelectMany(entry => MerkleHash.Leaf(entry)), Is.EqualTo(tile));
    }

    [Test]
    public async Task Entry_bundles_need_an_auditor_token_and_each_refusal_is_recorded()
    {
        await GrowLogToAtLeastAsync(1);
        using var officer = ClientFor(Roles.Officer, "tile-officer");
        using var custodian = ClientFor(Roles.Custodian, "tile-custodian");

        foreach (var (client, status) in new[] { (_anonymous, HttpStatusCode.Unauthorized), (officer, HttpStatusCode.Forbidden), (custodian, HttpStatusCode.Forbidden) })
        {
            var denied = await DenialsAsync();
            using var refused = await client.GetAsync("/log/tile/entries/000.p/1");
            Assert.That(refused.StatusCode, Is.EqualTo(status), await refused.Content.ReadAsStringAsync());
            Assert.That(await DenialsAsync(), Is.GreaterThan(denied), $"the {status} is a custody event");
        }
        using var allowed = await _auditor.GetAsync("/log/tile/entries/000.p/1");
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var tile = await _anonymous.GetAsync("/log/tile/0/000.p/1");
        Assert.That(tile.StatusCode, Is.EqualTo(HttpStatusCode.OK), "hash tiles are public");
    }

    [Test]
    public async Task Full_tiles_are_cached_for_good_partial_ones_and_the_checkpoint_briefly_with_the_specifications_content_types()
    {
        await GrowLogToAtLeastAsync(257);
        await SignCheckpointAsync(_api);

        using var checkpoint = await _anonymous.GetAsync("/log/checkpoint");
        using var fullTile = await _anonymous.GetAsync("/log/tile/0/000");
        using var partialTile = await _anonymous.GetAsync("/log/tile/0/001.p/1");
        using var fullBundle = await _auditor.GetAsync("/log/tile/entries/000");
        using var partialBundle = await _auditor.GetAsync("/log/tile/entries/001.p/1");

        Assert.Multiple(() =>
        {
            Assert.That(checkpoint.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/plain; charset=utf-8"));
            Assert.That(CacheControl(checkpoint), Is.EqualTo("public, max-age=5"));
            foreach (var response in new[] { fullTile, partialTile, fullBundle, partialBundle })
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), response.RequestMessage!.RequestUri!.ToString());
                Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/octet-stream"));
            }
            Assert.That(CacheControl(fullTile), Is.EqualTo("public, max-age=31536000, immutable"));
            Assert.That(CacheControl(partialTile), Is.EqualTo("public, max-age=60"));
            Assert.That(CacheControl(fullBundle), Is.EqualTo("private, max-age=31536000, immutable"));
            Assert.That(CacheControl(partialBundle), Is.EqualTo("private, max-age=60"));
        });
        Assert.That((await fullTile.Content.ReadAsByteArrayAsync()).Length, Is.EqualTo(8192));
        Assert.That(await _anonymous.GetStringAsync("/log/checkpoint"), Is.EqualTo(await _anonymous.GetStringAsync("/api/ledger/checkpoint")));
    }

    [Test]
    public async Task An_entry_bundle_is_gzipped_for_a_client_that_accepts_gzip()
    {
        await GrowLogToAtLeastAsync(2);
        var plain = await _auditor.GetByteArrayAsync("/log/tile/entries/000.p/2");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/log/tile/entries/000.p/2");
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        using var response = await _auditor.SendAsync(request);

        Assert.That(response.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "gzip" }));
        await using var gunzipped = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        await gunzipped.CopyToAsync(bytes);
        Assert.That(bytes.ToArray(), Is.EqualTo(plain));
    }

    [TestCase("/log/tile/0/1", "index")]
    [TestCase("/log/tile/0/x000/001", "index")]
    [TestCase("/log/tile/0/001/002", "index")]
    [TestCase("/log/tile/0", "index")]
    [TestCase("/log/tile/0/x999/x999/x999/x999/x999/x999/x999/999", "index")]
    [TestCase("/log/tile/00/000", "level")]
    [TestCase("/log/tile/64/000", "level")]
    [TestCase("/log/tile/level/000", "level")]
    [TestCase("/log/tile/0/000.p/0", "width")]
    [TestCase("/log/tile/0/000.p/256", "width")]
    [TestCase("/log/tile/0/000.p/01", "width")]
    [TestCase("/log/tile/entries/1", "index")]
    [TestCase("/log/tile/entries", "index")]
    [TestCase("/log/tile/entries/000.p/300", "width")]
    public async Task A_malformed_tile_path_is_a_problem_naming_the_wrong_part(string path, string part)
    {
        var problem = await (await _auditor.GetAsync(path)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").GetProperty("path")[0].GetString(), Does.Contain(part), problem.ToString());
    }

    [TestCase("/log/tile/0/x999/999")]
    [TestCase("/log/tile/0/x036/x028/x797/x018/x963/967")]
    [TestCase("/log/tile/7/000.p/1")]
    [TestCase("/log/tile/63/000")]
    [TestCase("/log/tile/entries/x999/999.p/5")]
    [TestCase("/log/tile/entries/x009/x223/x372/x036/x854/x775/807")]
    public async Task A_tile_beyond_the_log_is_not_found(string path) =>
        await (await _auditor.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);

    /// <summary>
    /// The root Go's golang.org/x/mod/sumdb/tlog (Debian's golang-golang-x-mod-dev) recomputes from the served tiles,
    /// which it checks against the checkpoint's root as it reads them: an implementation of tiles not written from
    /// this server's understanding of them.
    /// </summary>
    private static async Task<string> GoTileReaderRootAsync(EvidenceApiFactory api, Checkpoint checkpoint)
    {
        var (exitCode, output, errors) = await LocalServices.RunToExitAsync("go",
            DebianGo.Environment(Path.Combine(TestContext.CurrentContext.TestDirectory, "gotilereader", "cache")),
            "run", Path.Combine("tests", "BodyCam.Evidence.Tests", "Features", "Ledger", "GoTileReader", "main.go"),
            new Uri(api.BaseAddress, "/log/").ToString(), checkpoint.TreeSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToBase64String(checkpoint.RootHash));
        Assert.That(exitCode, Is.Zero, errors);
        return output.Trim();
    }

    /// <summary>As sent: the client's own parsed header would reorder the directives.</summary>
    private static string CacheControl(HttpResponseMessage response) => string.Join(", ", response.Headers.NonValidated["Cache-Control"]);

    private HttpClient ClientFor(string role, string subject) => ClientFor(_api, role, subject);

    private static HttpClient ClientFor(EvidenceApiFactory api, string role, string subject)
    {
        var client = new HttpClient { BaseAddress = api.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", api.Service<LocalTokenIssuer>().Issue(subject, role, null, null, TimeSpan.FromMinutes(30)));
        return client;
    }

    private static TileFetcher FetcherFor(HttpClient client) => async (path, ct) =>
    {
        using var response = await client.GetAsync("/log/" + path, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"/log/{path}: {await response.Content.ReadAsStringAsync(ct)}");
        return await response.Content.ReadAsByteArrayAsync(ct);
    };

    private async Task GrowLogToAtLeastAsync(long size)
    {
        await using var db = _api.OpenDb();
        var count = await db.CustodyEvents.LongCountAsync();
        if (count < size)
        {
            await GrowLogToAsync(_api, size);
        }
    }

    /// <summary>
    /// Commits the events that bring the log to <paramref name="size"/> in one unit of work, which integrates them
    /// before it returns: 65,537 take seconds on either database.
    /// </summary>
    private static async Task GrowLogToAsync(EvidenceApiFactory api, long size)
    {
        await using var db = api.OpenDb();
        var count = await db.CustodyEvents.LongCountAsync();
        Assert.That(count, Is.LessThanOrEqualTo(size), "the log has already grown past the size this test needs");
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = count; i < size; i++)
        {
            db.CustodyEvents.Record(CustodyAction.DockRegistered, Actor.System("tile-test"), reason: $"tiled log entry {i}");
        }
        await db.SaveChangesAsync();
    }

    private static async Task SignCheckpointAsync(EvidenceApiFactory api)
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SignCheckpoint());
    }

    private static async Task<byte[]> LeafHashAsync(EvidenceApiFactory api, long sequence)
    {
        await using var db = api.OpenDb();
        return await db.CustodyEvents.Where(e => e.Sequence == sequence).Select(e => e.LeafHash).SingleAsync();
    }

    private async Task<int> DenialsAsync()
    {
        await using var db = _api.OpenDb();
        return await db.CustodyEvents.CountAsync(e => e.Outcome == CustodyOutcome.Denied);
    }
}
