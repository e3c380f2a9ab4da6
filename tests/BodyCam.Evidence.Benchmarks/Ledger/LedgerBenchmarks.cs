using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BodyCam.Evidence.Benchmarks.Search;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Features.Ledger;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Benchmarks.Ledger;

/// <summary>
/// Custody appends into PostgreSQL, each its own unit of work that commits and returns once its event is in the log,
/// as a command's does, from 1 to 32 writers at once. Appends/s = 1e9 / mean (ns per append). Sustained: 30 warm-up
/// iterations first, so that the runtime has finished compiling the hot paths (the first ~15 run up to 2x slower).
/// Each unit of work has a command's shape (see TransactionBehaviour). The baseline is the same unit of work without
/// the wait for the log (its event is never sealed, in a database of its own): what a command's own transaction
/// costs here, before the log adds anything.
/// Run, with the test services up:
/// dotnet run -c Release --project tests/BodyCam.Evidence.Benchmarks -- --filter '*LedgerAppend*'
/// </summary>
[Config(typeof(SustainedAppendConfig))]
public class LedgerAppendBenchmarks
{
    private const int AppendsPerInvoke = 640;
    private static readonly Actor Dock = new("dock-1", ActorKind.Dock, Roles.Dock, "127.0.0.1");

    private ServiceProvider _services = null!;

    [Params(1, 8, 16, 32)]
    public int Writers { get; set; }

    [GlobalSetup(Target = nameof(Append))]
    public async Task SetupLedger() => _services = await BenchmarkLedgers.EmptyAsync("bodycam_bench_appends");

    [GlobalSetup(Target = nameof(UnitOfWorkWithoutLedger))]
    public async Task SetupBaseline() => _services = await BenchmarkLedgers.EmptyAsync("bodycam_bench_unit_of_work");

    [GlobalCleanup]
    public async Task Cleanup() => await _services.DisposeAsync();

    [Benchmark(OperationsPerInvoke = AppendsPerInvoke)]
    public Task Append() => InParallel(async () =>
    {
        await using var db = _services.OpenDb();
        await CommitOneEventAsync(db, "benchmark append");
        await db.IntegrateRecordedCustodyEventsAsync(CancellationToken.None);
    });

    /// <summary>The event stays unsealed: only <see cref="EvidenceDb.IntegrateRecordedCustodyEventsAsync"/> would seal it.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = AppendsPerInvoke)]
    public Task UnitOfWorkWithoutLedger() => InParallel(async () =>
    {
        await using var db = _services.OpenDb();
        await CommitOneEventAsync(db, "benchmark baseline");
    });

    /// <summary>As the transaction behaviour runs a command: an execution strategy, a transaction, one save, the commit.</summary>
    private static Task CommitOneEventAsync(EvidenceDb db, string reason) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.CustodyEvents.Record(CustodyAction.UploadStarted, Dock, Guid.NewGuid(), reason: reason);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });

    /// <summary>In process, so that the server's thread pool setting in the project file applies.</summary>
    private sealed class SustainedAppendConfig : ManualConfig
    {
        public SustainedAppendConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(30).WithIterationCount(20));
    }

    private Task InParallel(Func<Task> unitOfWork) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < AppendsPerInvoke / Writers; i++)
            {
                await unitOfWork();
            }
        })));
}

/// <summary>
/// The log's own rate: one integration sealing a backlog of <see cref="Backlog"/> committed custody events into the
/// tree (numbering each, storing its entry and leaf hash, storing the subtrees it completes, all under the log's lock
/// in one transaction), as rounds do whenever commands commit faster than a round per command. Each iteration first
/// records a fresh backlog in bulk, untimed; the log grows by 5,000 entries an iteration. Appends/s = 1e9 / mean.
/// Run: dotnet run -c Release --project tests/BodyCam.Evidence.Benchmarks -- --filter '*LedgerIntegration*'
/// </summary>
[Config(typeof(BacklogConfig))]
public class LedgerIntegrationBenchmarks
{
    private const int Backlog = 5_000;

    private ServiceProvider _services = null!;

    [GlobalSetup]
    public async Task Setup() => _services = await BenchmarkLedgers.EmptyAsync("bodycam_bench_integration");

    [GlobalCleanup]
    public async Task Cleanup() => await _services.DisposeAsync();

    [IterationSetup]
    public void RecordBacklog()
    {
        using var db = _services.OpenDb();
        db.Database.ExecuteSqlRaw($"""
            INSERT INTO custody_events (id, time, actor_id, actor_kind, actor_role, client_ip, action, evidence_id, reason, outcome, entry, leaf_hash)
            SELECT gen_random_uuid(), now(), 'dock-1', 'Dock', 'Dock', '127.0.0.1', 'UploadStarted', gen_random_uuid(), 'backlog', 'Succeeded', '', ''
            FROM generate_series(1, {Backlog})
            """);
    }

    [Benchmark(OperationsPerInvoke = Backlog)]
    public async Task IntegrateBacklog()
    {
        await using var db = _services.OpenDb();
        await db.IntegrateCommittedCustodyEventsAsync(CancellationToken.None);
    }

    private sealed class BacklogConfig : ManualConfig
    {
        public BacklogConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring).WithInvocationCount(1)
                .WithUnrollFactor(1).WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(20));
    }
}

/// <summary>
/// Inclusion and consistency proofs, through their query handlers (tree-size check included), over a bulk-loaded log of 1M
/// and 10M entries with its tree in memory from level 0 or 8, as the server holds it once started. Run:
/// dotnet run -c Release --project tests/BodyCam.Evidence.Benchmarks -- --filter '*LedgerProof*'
/// </summary>
[Config(typeof(RequestLatencyConfig))]
public class LedgerProofBenchmarks
{
    private ServiceProvider _services = null!;
    private EvidenceDb _db = null!;
    private GetInclusionProofHandler _inclusionProofs = null!;
    private GetConsistencyProofHandler _consistencyProofs = null!;

    [ParamsSource(nameof(Sizes))]
    public long Entries { get; set; }

    public static IEnumerable<long> Sizes => BenchmarkLedgers.Sizes;

    /// <summary>The lowest level of the tree in memory (<see cref="LedgerNodeCache"/>), as the server has it once started.</summary>
    [ParamsSource(nameof(TreeLevels))]
    public int TreeInMemoryFromLevel { get; set; }

    public static IEnumerable<int> TreeLevels => BenchmarkLedgers.TreeLevels;

    [GlobalSetup]
    public async Task Setup()
    {
        _services = await BenchmarkLedgers.SeededAsync(Entries, TreeInMemoryFromLevel);
        _db = _services.OpenDb();
        _inclusionProofs = new GetInclusionProofHandler(_db);
        _consistencyProofs = new GetConsistencyProofHandler(_db);
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _services.DisposeAsync();

    /// <summary>The query behind GET /api/ledger/proofs/inclusion, with its check that the tree size was reached.</summary>
    [Benchmark]
    public Task<InclusionProof> InclusionProof() =>
        _inclusionProofs.Handle(new GetInclusionProof(Random.Shared.NextInt64(Entries), Entries), CancellationToken.None).AsTask();

    [Benchmark]
    public Task<ConsistencyProof> ConsistencyProof() =>
        _consistencyProofs.Handle(new GetConsistencyProof(Random.Shared.NextInt64(1, Entries), Entries), CancellationToken.None).AsTask();
}

/// <summary>
/// An item's custody report with inclusion proofs (the query behind GET /api/evidence/{id}/custody?proofs=true)
/// in a log of 1M and 10M events over 100k and 1M items. Run:
/// dotnet run -c Release --project tests/BodyCam.Evidence.Benchmarks -- --filter '*CustodyReport*'
/// </summary>
[Config(typeof(RequestLatencyConfig))]
public class CustodyReportBenchmarks
{
    private ServiceProvider _services = null!;
    private GetEvidenceCustodyHandler _handler = null!;

    [ParamsSource(nameof(Sizes))]
    public long Events { get; set; }

    public static IEnumerable<long> Sizes => BenchmarkLedgers.Sizes;

    [ParamsSource(nameof(TreeLevels))]
    public int TreeInMemoryFromLevel { get; set; }

    public static IEnumerable<int> TreeLevels => BenchmarkLedgers.TreeLevels;

    [GlobalSetup]
    public async Task Setup()
    {
        _services = await BenchmarkLedgers.SeededAsync(Events, TreeInMemoryFromLevel);
        _handler = new GetEvidenceCustodyHandler(_services.OpenDb(), new WitnessSettings([], 0, TimeSpan.FromSeconds(10)));
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _services.DisposeAsync();

    [Benchmark]
    public async Task<CustodyReport> CustodyWithProofs()
    {
        var item = Random.Shared.NextInt64(Events / 10);
        // The loader names items md5(number)::uuid.
        var evidenceId = new Guid(MD5.HashData(Encoding.ASCII.GetBytes(item.ToString(CultureInfo.InvariantCulture))), bigEndian: true);
        return await _handler.Handle(new GetEvidenceCustody(evidenceId, WithProofs: true), CancellationToken.None);
    }
}
