using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Witnessing;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BodyCam.Evidence.Tests.Features.Ledger;

/// <summary>
/// The server submits its checkpoints to real witnesses (the independent Go witness, each its own process) and serves
/// only the newest checkpoint that met Ledger:WitnessQuorum, with the witnesses' cosignature lines after its own.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class WitnessedCheckpointTests(ApiProfile profile)
{
    private const string Origin = "bodycam-evidence.localhost/custody";
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(90);

    private readonly List<IAsyncDisposable> _started = [];
    private CapturedLogs _logs = null!;
    private string _keyFolder = null!;
    private NoteSigner _log = null!;

    [SetUp]
    public void CreateLogKey()
    {
        _logs = new CapturedLogs();
        // The log's key exists before the server starts, so that the witnesses can be told it first.
        _keyFolder = Directory.CreateTempSubdirectory("bodycam-witnessed-").FullName;
        var seed = NoteSigner.GenerateSeed();
        File.WriteAllText(KeyPath, Convert.ToBase64String(seed));
        _log = new NoteSigner(Origin, seed);
    }

    [TearDown]
    public async Task StopAll()
    {
        foreach (var started in Enumerable.Reverse(_started))
        {
            await started.DisposeAsync();
        }
        _started.Clear();
        _logs.Dispose();
        Directory.Delete(_keyFolder, recursive: true);
    }

    private string KeyPath => Path.Combine(_keyFolder, "ledger-signing.key");

    [Test]
    public async Task With_one_witness_every_served_checkpoint_carries_its_cosignature_across_log_growth()
    {
        var witness = await StartWitnessAsync("witness.example/board");
        var api = await StartServerAsync(quorum: 1, witness);

        var latencies = await GrowAndVerifyAsync(api, rounds: 5, witness);

        TestContext.Out.WriteLine($"{profile}, 1 witness: median signing-to-quorum latency {Median(latencies):0} ms over {latencies.Count} checkpoints");
    }

    [Test]
    public async Task With_two_witnesses_and_quorum_2_every_served_checkpoint_carries_both_cosignatures()
    {
        var board = await StartWitnessAsync("witness.example/board");
        var defender = await StartWitnessAsync("witness.example/defender");
        var api = await StartServerAsync(quorum: 2, board, defender);

        var latencies = await GrowAndVerifyAsync(api, rounds: 5, board, defender);

        TestContext.Out.WriteLine($"{profile}, 2 witnesses: median signing-to-quorum latency {Median(latencies):0} ms over {latencies.Count} checkpoints");
    }

    [Test]
    public async Task A_witness_that_cosigned_more_than_the_server_remembers_is_caught_up_through_409()
    {
        var witness = await StartWitnessAsync("witness.example/board");
        var api = await StartServerAsync(quorum: 1, witness);
        await api.RegisterDockAsync();
        var first = await WaitForServedAsync(api, await LogSizeAsync(api));
        await api.RegisterDockAsync();
        var second = await WaitForServedAsync(api, await LogSizeAsync(api));

        // As after a restore of the server's database from before the second cosignature: the server believes the
        // witness is at the first checkpoint, the witness knows the second.
        var key = witness.VerifierKey.ToString();
        await using (var db = api.OpenDb())
        {
            await db.WitnessStates.Where(s => s.WitnessKey == key).ExecuteUpdateAsync(s => s.SetProperty(state => state.CosignedSize, first.TreeSize));
        }
        await api.RegisterDockAsync();
        var third = await WaitForServedAsync(api, await LogSizeAsync(api));

        Assert.That(witness.VerifierKey.CosignedAt(SignedNote.Parse(third.Note)), Is.Not.Null);
        Assert.That(witness.Log, Does.Contain("409"), "the witness answered the submission from the older size with 409");
        Assert.That(_logs.Lines, Has.Some.Contains($"Witness {witness.Name} has cosigned {second.TreeSize} entries, not {first.TreeSize}: resending from its size"));
        Assert.That(await CosignedSizeAsync(api, witness), Is.EqualTo(third.TreeSize));
    }

    [Test]
    public async Task With_quorum_2_and_one_witness_down_the_served_checkpoint_stays_while_the_log_grows_then_catches_up()
    {
        var board = await StartWitnessAsync("witness.example/board");
        var defender = await StartWitnessAsync("witness.example/defender");
        var api = await StartServerAsync(quorum: 2, board, defender);
        await api.RegisterDockAsync();
        var before = await WaitForServedAsync(api, await LogSizeAsync(api));

        await defender.StopAsync();
        for (var i = 0; i < 3; i++)
        {
            await api.RegisterDockAsync();
        }
        var grown = await LogSizeAsync(api);
        await WaitUntilAsync(async () => await CosignedSizeAsync(api, board) >= grown, "the board's witness cosigns the grown log");

        var served = await ServedAsync(api);
        Assert.That(served!.TreeSize, Is.EqualTo(before.TreeSize), "a checkpoint cosigned by one of two witnesses is not served");
        Assert.That(grown, Is.GreaterThan(before.TreeSize));

        await defender.StartAsync();
        var after = await WaitForServedAsync(api, grown);
        Assert.That(board.VerifierKey.CosignedAt(SignedNote.Parse(after.Note)), Is.Not.Null);
        Assert.That(defender.VerifierKey.CosignedAt(SignedNote.Parse(after.Note)), Is.Not.Null);
    }

    [Test]
    public async Task A_log_rewritten_behind_the_witnesses_back_is_refused_and_raises_the_alert_and_is_never_served()
    {
        var witness = await StartWitnessAsync("witness.example/board");
        // The tree read from the database on every proof, so that the rewritten node is what the server proves with.
        var api = await StartServerAsync(quorum: 1, [witness], ("Ledger:TreeInMemoryFromLevel", LedgerNode.HighestLevel.ToString(CultureInfo.InvariantCulture)));
        for (var i = 0; i < 3; i++)
        {
            await api.RegisterDockAsync();
        }
        var cosigned = await WaitForServedAsync(api, await LogSizeAsync(api));

        await RewriteLogAsync(api, cosigned.TreeSize);
        await api.RegisterDockAsync();
        var grown = await LogSizeAsync(api);

        await WaitUntilAsync(async () => await RefusalsAsync(api, witness, "422") >= 1, "the refusal is counted in bodycam.witness.refusals");
        Assert.That(_logs.Critical, Has.Some.Contains($"Witness {witness.Name} refused (422)"));
        await using (var db = api.OpenDb())
        {
            var state = await db.WitnessStates.SingleAsync();
            Assert.That(state.LastOutcome, Does.StartWith($"refused (422) the checkpoint of {grown} entries"));
            Assert.That(state.CosignedSize, Is.EqualTo(cosigned.TreeSize));
            Assert.That(await db.LedgerCheckpoints.AnyAsync(c => c.TreeSize == grown), Is.True, "the server signed the rewritten log");
            Assert.That(await db.WitnessCosignatures.AnyAsync(), Is.False);
        }
        var response = await api.CreateClient().GetAsync("/api/ledger/checkpoint");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the refused checkpoint is not served, nor is any other");

        // The refusal does not stop the server: custody writes go on and are signed.
        await api.RegisterDockAsync();
        var size = await LogSizeAsync(api);
        await WaitUntilAsync(async () =>
        {
            await using var db = api.OpenDb();
            return await db.LedgerCheckpoints.AnyAsync(c => c.TreeSize == size);
        }, "the server goes on signing checkpoints");
    }

    [Test]
    public async Task Without_witnesses_the_newest_signed_checkpoint_is_served_as_before()
    {
        var api = await StartServerAsync(quorum: null);
        await api.RegisterDockAsync();

        var checkpoint = await WaitForServedAsync(api, await LogSizeAsync(api));

        Assert.That(SignedNote.Parse(checkpoint.Note).Signatures, Has.Count.EqualTo(1));
    }

    /// <summary>Grows the log round by round; each round's served checkpoint verifies with the log key and every witness's key.</summary>
    private async Task<List<double>> GrowAndVerifyAsync(EvidenceApiFactory api, int rounds, params GoWitness[] witnesses)
    {
        var latencies = new List<double>();
        long previous = 0;
        for (var round = 0; round < rounds; round++)
        {
            await api.RegisterDockAsync();
            var served = await WaitForServedAsync(api, await LogSizeAsync(api));
            Assert.That(served.TreeSize, Is.GreaterThan(previous));
            previous = served.TreeSize;

            var note = SignedNote.Parse(served.Note);
            Assert.That(note.Signatures[0].Name, Is.EqualTo(Origin), "the log's own signature comes first");
            Assert.That(note.Signatures, Has.Count.EqualTo(1 + witnesses.Length));
            foreach (var witness in witnesses)
            {
                Assert.That(witness.VerifierKey.CosignedAt(note), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(2)), witness.Name);
            }
            await using var db = api.OpenDb();
            var checkpoint = await db.LedgerCheckpoints.SingleAsync(c => c.TreeSize == served.TreeSize);
            var received = await db.WitnessCosignatures.Where(c => c.TreeSize == served.TreeSize).Select(c => c.ReceivedAt).ToListAsync();
            latencies.Add((received.Max() - checkpoint.SignedAt).TotalMilliseconds);
        }
        return latencies;
    }

    private async Task<GoWitness> StartWitnessAsync(string name)
    {
        var witness = new GoWitness(_log.VerifierKey, name);
        _started.Add(witness);
        await witness.StartAsync();
        return witness;
    }

    private Task<EvidenceApiFactory> StartServerAsync(int? quorum, params GoWitness[] witnesses) => StartServerAsync(quorum, witnesses, []);

    private async Task<EvidenceApiFactory> StartServerAsync(int? quorum, GoWitness[] witnesses, params (string Key, string Value)[] more)
    {
        List<(string Key, string Value)> settings =
        [
            ("Ledger:SigningKeyPath", KeyPath),
            ("Ledger:CheckpointEverySeconds", "1"),
            ("Telemetry:Prometheus", "true"),
            .. more,
        ];
        for (var i = 0; i < witnesses.Length; i++)
        {
            settings.Add(($"Ledger:Witnesses:{i}:Url", witnesses[i].Url.ToString()));
            settings.Add(($"Ledger:Witnesses:{i}:Key", witnesses[i].VerifierKey.ToString()));
        }
        if (quorum is { } required)
        {
            settings.Add(("Ledger:WitnessQuorum", required.ToString(CultureInfo.InvariantCulture)));
        }
        var api = await EvidenceApiFactory.StartAsync(
            profile, overNetwork: false, services => services.AddSingleton<ILoggerProvider>(_logs), [.. settings]);
        _started.Add(api);
        return api;
    }

    private async Task<ServedNote> WaitForServedAsync(EvidenceApiFactory api, long size)
    {
        ServedNote? served = null;
        await WaitUntilAsync(async () => (served = await ServedAsync(api)) is { } note && note.TreeSize >= size, $"a served checkpoint of {size} entries");
        return served!;
    }

    /// <summary>The served checkpoint, verified with the log's key; null while none is served.</summary>
    private async Task<ServedNote?> ServedAsync(EvidenceApiFactory api)
    {
        var response = await api.CreateClient().GetAsync("/api/ledger/checkpoint");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        var note = await response.Content.ReadAsStringAsync();
        return new ServedNote(Checkpoint.Verify(note, _log.VerifierKey).TreeSize, note);
    }

    private static async Task<long> LogSizeAsync(EvidenceApiFactory api)
    {
        await using var db = api.OpenDb();
        return await db.CustodyEvents.LongCountAsync(e => e.Sequence != null);
    }

    private static async Task<long> CosignedSizeAsync(EvidenceApiFactory api, GoWitness witness)
    {
        var key = witness.VerifierKey.ToString();
        await using var db = api.OpenDb();
        return await db.WitnessStates.Where(s => s.WitnessKey == key).Select(s => s.CosignedSize).SingleOrDefaultAsync();
    }

    /// <summary>
    /// As a superuser could, with the tables' guards off: one stored subtree of the cosigned log is changed, and every
    /// checkpoint (with its cosignatures) is deleted, so the server signs the rewritten log afresh without knowing better.
    /// </summary>
    private async Task RewriteLogAsync(EvidenceApiFactory api, long cosignedSize)
    {
        var level = (int)Math.Floor(Math.Log2(cosignedSize));
        var position = LedgerNode.PositionOf(level, 0);
        await using var db = api.OpenDb();
        await db.Database.ExecuteSqlRawAsync(profile.Database == DatabaseProvider.PostgreSql
            ? $"""
              ALTER TABLE ledger_nodes DISABLE TRIGGER USER; ALTER TABLE ledger_checkpoints DISABLE TRIGGER USER;
              UPDATE ledger_nodes SET hash = sha256(hash) WHERE position = {position};
              DELETE FROM witness_cosignatures; DELETE FROM ledger_checkpoints;
              ALTER TABLE ledger_nodes ENABLE TRIGGER USER; ALTER TABLE ledger_checkpoints ENABLE TRIGGER USER;
              """
            : $"""
              DROP TRIGGER IF EXISTS ledger_nodes_no_update; DROP TRIGGER IF EXISTS ledger_checkpoints_no_delete;
              UPDATE ledger_nodes SET hash = randomblob(32) WHERE position = {position};
              DELETE FROM witness_cosignatures; DELETE FROM ledger_checkpoints;
              """);
    }

    /// <summary>The bodycam.witness.refusals counter as a Prometheus scraper reads it.</summary>
    private static async Task<double> RefusalsAsync(EvidenceApiFactory api, GoWitness witness, string status)
    {
        var metrics = await api.CreateClient().GetStringAsync("/metrics");
        return metrics.Split('\n')
            .Where(line => line.StartsWith("bodycam_witness_refusals_total{", StringComparison.Ordinal)
                && line.Contains($"witness=\"{witness.Name}\"", StringComparison.Ordinal) && line.Contains($"status=\"{status}\"", StringComparison.Ordinal))
            .Select(line => double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture))
            .Sum();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"{what}: not within {WaitLimit.TotalSeconds:0} s");
            await Task.Delay(100);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record ServedNote(long TreeSize, string Note);

    /// <summary>What the server logged, as an operator's log pipeline would receive it.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Line)> _lines = new();

        public IEnumerable<string> Lines => _lines.Select(entry => entry.Line);

        public IEnumerable<string> Critical => _lines.Where(entry => entry.Level == LogLevel.Critical).Select(entry => entry.Line);

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<(LogLevel, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
