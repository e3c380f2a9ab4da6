using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Docks;
using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Features.Docks;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Contracts;

/// <summary>The stored Merkle tree of the custody log on every database, checked against the in-memory reference.</summary>
[TestFixtureSource(nameof(Databases))]
public sealed class LedgerTreeContractTests(DatabaseProvider provider)
{
    public static readonly DatabaseProvider[] Databases = [DatabaseProvider.PostgreSql, DatabaseProvider.Sqlite];

    private static readonly Actor Auditor = new("ann", ActorKind.User, "Auditor", "127.0.0.1");

    private string _connection = null!;
    private ServiceProvider _services = null!;

    [SetUp]
    public async Task CreateFreshDatabase()
    {
        _connection = await TestDatabases.CreateAsync(provider);
        _services = StoredTreeServices();
    }

    [TearDown]
    public async Task DisposeServices() => await _services.DisposeAsync();

    [Test]
    public async Task Concurrent_appends_build_a_stored_tree_whose_root_equals_a_recomputation()
    {
        const int writers = 6;
        const int unitsPerWriter = 4;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            await using var db = OpenDb();
            for (var unit = 0; unit < unitsPerWriter; unit++)
            {
                for (var i = 0; i <= unit % 3; i++)
                {
                    db.CustodyEvents.Record(CustodyAction.DockRegistered, Auditor, reason: $"writer {writer} unit {unit} event {i}");
                }
                await db.SaveChangesAsync();
            }
        })));

        await using var reader = OpenDb();
        var leaves = await LeafHashesAsync(reader);
        Assert.That(leaves, Has.Count.EqualTo(writers * (1 + 2 + 3 + 1)));
        for (var size = 0; size <= leaves.Count; size++)
        {
            Assert.That(await reader.RootHashAsync(size, CancellationToken.None), Is.EqualTo(MerkleTree.RootHash(leaves[..size])), $"root of size {size}");
        }
    }

    [Test]
    public async Task Two_processes_taking_turns_keep_the_stored_tree_equal_to_a_recomputation()
    {
        // Each process keeps the log's right edge between its rounds; after the other's appends it must read it again.
        await using var otherProcess = StoredTreeServices();
        for (var turn = 0; turn < 6; turn++)
        {
            await AppendAsync(_services, turn % 3 + 1);
            await AppendAsync(otherProcess, 2);
        }

        await using var reader = OpenDb();
        var leaves = await LeafHashesAsync(reader);
        Assert.That(leaves, Has.Count.EqualTo(6 * 2 + 2 * (1 + 2 + 3)));
        for (var size = 0; size <= leaves.Count; size++)
        {
            Assert.That(await reader.RootHashAsync(size, CancellationToken.None), Is.EqualTo(MerkleTree.RootHash(leaves[..size])), $"root of size {size}");
        }
    }

    [Test]
    public async Task Concurrent_commands_leave_a_gap_free_log_in_their_recorded_order_whose_root_equals_a_recomputation()
    {
        const int writers = 8;
        const int commandsPerWriter = 5;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var command = 0; command < commandsPerWriter; command++)
            {
                await using var scope = _services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<EvidenceDb>();
                var transaction = new TransactionBehaviour<RegisterDock, RegisteredDock>(db, new PostCommitWork());
                var name = $"writer {writer} command {command}";
                await transaction.Handle(new RegisterDock(name, null), (_, _) =>
                {
                    var (dock, key) = Dock.Register(name, null, "admin", DateTimeOffset.UtcNow);
                    db.Docks.Add(dock);
                    for (var i = 0; i <= command % 3; i++)
                    {
                        db.CustodyEvents.Record(CustodyAction.DockRegistered, Auditor, reason: $"{name} event {i}");
                    }
                    return ValueTask.FromResult(new RegisteredDock(dock.Id, dock.Name, null, key));
                }, CancellationToken.None);
                // The command answers only once its events are in the log.
                var sequences = await db.CustodyEvents.AsNoTracking().Where(e => e.Reason!.StartsWith(name + " event")).Select(e => e.Sequence).ToListAsync();
                Assert.That(sequences, Has.Count.EqualTo(command % 3 + 1).And.None.Null);
            }
        })));

        await using var reader = OpenDb();
        var log = await reader.CustodyEvents.OrderBy(e => e.Sequence).ToListAsync();
        Assert.That(log.Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(0, writers * (1 + 2 + 3 + 1 + 2)).Select(i => (long?)i)));
        foreach (var command in log.GroupBy(e => e.Reason![..e.Reason!.LastIndexOf(" event", StringComparison.Ordinal)]))
        {
            Assert.That(command.Select(e => e.Reason), Is.Ordered.Using<string>(StringComparer.Ordinal), "events of one command keep their recorded order");
        }
        var leaves = log.Select(e => e.LeafHash).ToList();
        Assert.That(leaves, Is.EqualTo(log.Select(e => MerkleHash.Leaf(e.ToEntry().ToCanonicalBytes()))));
        Assert.That(await reader.RootHashAsync(leaves.Count, CancellationToken.None), Is.EqualTo(MerkleTree.RootHash(leaves)));
    }

    [Test]
    public async Task Every_proof_read_from_the_stored_tree_verifies_against_the_recomputed_root()
    {
        await AppendAsync(37);

        await using var db = OpenDb();
        var leaves = await LeafHashesAsync(db);
        foreach (var size in new[] { 1, 2, 7, 16, 37 })
        {
            var root = MerkleTree.RootHash(leaves[..size]);
            for (var index = 0; index < size; index++)
            {
                var proof = await db.InclusionProofAsync(index, size, CancellationToken.None);
                Assert.That(proof, Is.EqualTo(MerkleTree.InclusionProof(leaves[..size], index)), $"inclusion {index} in {size}");
                Assert.That(MerkleTree.VerifyInclusion(leaves[index], index, size, proof, root), Is.True);
            }
            for (var oldSize = 0; oldSize <= size; oldSize++)
            {
                var proof = await db.ConsistencyProofAsync(oldSize, size, CancellationToken.None);
                Assert.That(proof, Is.EqualTo(MerkleTree.ConsistencyProof(leaves[..size], oldSize)), $"consistency {oldSize} to {size}");
            }
        }
    }

    [Test]
    public async Task Proofs_served_partly_from_the_tree_in_memory_equal_proofs_computed_from_the_entries()
    {
        await using var services = ServicesWithTreeInMemoryFromLevel2(out _);
        await AppendAsync(services, 37);
        await using var db = services.CreateScope().ServiceProvider.GetRequiredService<EvidenceDb>();
        var leaves = await LeafHashesAsync(db);

        // Complete subtrees of 4 leaves or more in a log of 37: 9 + 4 + 2 + 1.
        Assert.That(await db.ExtendNodeCacheAsync(limit: null, CancellationToken.None), Is.EqualTo(16));
        // Gone from the database, the cached levels can only come from memory.
        await DeleteStoredNodesAsync(db, fromLevel: 2);
        Assert.That(await db.LedgerNodes.CountAsync(), Is.EqualTo(37 + 18));

        foreach (var size in new[] { 5, 16, 37 })
        {
            var root = MerkleTree.RootHash(leaves[..size]);
            Assert.That(await db.RootHashAsync(size, CancellationToken.None), Is.EqualTo(root), $"root of {size}");
            for (var index = 0; index < size; index++)
            {
                var proof = await db.InclusionProofAsync(index, size, CancellationToken.None);
                Assert.That(proof, Is.EqualTo(MerkleTree.InclusionProof(leaves[..size], index)), $"inclusion {index} in {size}");
                Assert.That(MerkleTree.VerifyInclusion(leaves[index], index, size, proof, root), Is.True);
            }
            for (var oldSize = 0; oldSize <= size; oldSize++)
            {
                Assert.That(await db.ConsistencyProofAsync(oldSize, size, CancellationToken.None),
                    Is.EqualTo(MerkleTree.ConsistencyProof(leaves[..size], oldSize)), $"consistency {oldSize} to {size}");
            }
        }
    }

    [Test]
    public async Task Subtrees_a_rolled_back_integration_wrote_never_reach_the_tree_in_memory()
    {
        await using var services = ServicesWithTreeInMemoryFromLevel2(out var cache);
        await AppendAsync(services, 4);
        await using (var sealer = services.CreateScope().ServiceProvider.GetRequiredService<EvidenceDb>())
        {
            await sealer.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await sealer.Database.BeginTransactionAsync();
                for (var i = 0; i < 8; i++)
                {
                    sealer.CustodyEvents.Record(CustodyAction.DockRegistered, Auditor, reason: $"rolled back {i}");
                }
                await sealer.SaveChangesAsync();
                Assert.That(await sealer.SealCommittedCustodyEventsAsync(CancellationToken.None), Is.Not.Null);
                await sealer.RootHashAsync(12, CancellationToken.None);
                await sealer.InclusionProofAsync(0, 12, CancellationToken.None);
                await transaction.RollbackAsync();
            });
        }
        Assert.That(cache.Count, Is.Zero);

        await AppendAsync(services, 8);
        await using var reader = services.CreateScope().ServiceProvider.GetRequiredService<EvidenceDb>();
        var leaves = await LeafHashesAsync(reader);
        Assert.That(leaves, Has.Count.EqualTo(12));
        foreach (var pass in new[] { "extending the tree in memory", "from memory" })
        {
            Assert.That(await reader.RootHashAsync(12, CancellationToken.None), Is.EqualTo(MerkleTree.RootHash(leaves)), pass);
            for (var index = 0; index < 12; index++)
            {
                Assert.That(await reader.InclusionProofAsync(index, 12, CancellationToken.None),
                    Is.EqualTo(MerkleTree.InclusionProof(leaves, index)), $"inclusion {index}, {pass}");
            }
            Assert.That(cache.Count, Is.EqualTo(3 + 1), "the subtrees of 4 and 8 leaves in a log of 12");
        }
    }

    [Test]
    public async Task The_whole_tree_in_memory_answers_proofs_and_covers_tree_sizes_once_the_stored_tree_is_gone()
    {
        await using var services = TestDatabases.DatabaseServices(provider, _connection, new LedgerNodeCache(LedgerNodeCache.WholeTree));
        await AppendAsync(services, 37);
        await using var db = services.CreateScope().ServiceProvider.GetRequiredService<EvidenceDb>();
        var leaves = await LeafHashesAsync(db);

        Assert.That(await db.ExtendNodeCacheAsync(limit: null, CancellationToken.None), Is.EqualTo(37 + 18 + 9 + 4 + 2 + 1));
        await DeleteStoredNodesAsync(db, fromLevel: 0);

        Assert.That(await db.NodeCacheCoversAsync(37, CancellationToken.None), Is.True);
        Assert.That(await db.RootHashAsync(37, CancellationToken.None), Is.EqualTo(MerkleTree.RootHash(leaves)));
        for (var index = 0; index < 37; index++)
        {
            Assert.That(await db.InclusionProofAsync(index, 37, CancellationToken.None), Is.EqualTo(MerkleTree.InclusionProof(leaves, index)), $"inclusion {index}");
        }
        for (var oldSize = 0; oldSize <= 37; oldSize++)
        {
            Assert.That(await db.ConsistencyProofAsync(oldSize, 37, CancellationToken.None),
                Is.EqualTo(MerkleTree.ConsistencyProof(leaves, oldSize)), $"consistency {oldSize}");
        }
        // Asking for more reads the stored tree again, finds its last entry gone, and drops what it held.
        Assert.That(await db.NodeCacheCoversAsync(38, CancellationToken.None), Is.False);
        Assert.That(await db.NodeCacheCoversAsync(37, CancellationToken.None), Is.False);
    }

    [Test]
    public async Task The_tree_in_memory_follows_entries_another_process_appends()
    {
        await using var services = TestDatabases.DatabaseServices(provider, _connection, new LedgerNodeCache(LedgerNodeCache.WholeTree));
        await AppendAsync(services, 5);
        await using var db = services.CreateScope().ServiceProvider.GetRequiredService<EvidenceDb>();
        Assert.That(await db.RootHashAsync(5, CancellationToken.None), Is.EqualTo(MerkleTree.RootHash(await LeafHashesAsync(db))));

        await AppendAsync(_services, 12);

        Assert.That(await db.NodeCacheCoversAsync(17, CancellationToken.None), Is.True, "extended by the entries appended since");
        var leaves = await LeafHashesAsync(db);
        for (var index = 0; index < 17; index++)
        {
            Assert.That(await db.InclusionProofAsync(index, 17, CancellationToken.None), Is.EqualTo(MerkleTree.InclusionProof(leaves, index)), $"inclusion {index}");
        }
        Assert.That(await db.ConsistencyProofAsync(5, 17, CancellationToken.None), Is.EqualTo(MerkleTree.ConsistencyProof(leaves, 5)));
    }

    [Test]
    public async Task The_tree_in_memory_starts_over_when_the_stored_tree_no_longer_extends_what_it_holds()
    {
        await using var services = TestDatabases.DatabaseServices(provider, _connection, new LedgerNodeCache(LedgerNodeCache.WholeTree));
        await AppendAsync(services, 6);
        await using var db = services.CreateScope().ServiceProvider.GetRequiredService<EvidenceDb>();
        Assert.That(await db.ExtendNodeCacheAsync(limit: null, CancellationToken.None), Is.EqualTo(6 + 3 + 1));

        // The database restored to a point with 4 entries, and the log grown again from there with other events.
        await ForgetEntriesFromAsync(db, 4);
        await AppendAsync(_services, 3);

        var leaves = await LeafHashesAsync(db);
        Assert.That(leaves, Has.Count.EqualTo(7));
        for (var index = 0; index < 7; index++)
        {
            Assert.That(await db.InclusionProofAsync(index, 7, CancellationToken.None), Is.EqualTo(MerkleTree.InclusionProof(leaves, index)), $"inclusion {index}");
        }
        Assert.That(await db.RootHashAsync(7, CancellationToken.None), Is.EqualTo(MerkleTree.RootHash(leaves)));
        Assert.That(await db.RootHashAsync(6, CancellationToken.None), Is.EqualTo(MerkleTree.RootHash(leaves[..6])));
    }

    [Test]
    public async Task A_long_log_is_read_into_memory_page_by_page_and_a_request_reads_at_most_its_share()
    {
        const int Leaves = 120_000;
        // Only the leaves are stored: every node above them can only come from the tree in memory.
        await using (var writer = OpenDb())
        {
            await writer.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.PostgreSql
                ? $"INSERT INTO ledger_nodes (position, hash) SELECT i, sha256(i::text::bytea) FROM generate_series(0, {Leaves - 1}) i"
                : $"WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < {Leaves - 1}) INSERT INTO ledger_nodes (position, hash) SELECT n, randomblob(32) FROM i");
        }
        await using var services = TestDatabases.DatabaseServices(provider, _connection, new LedgerNodeCache(LedgerNodeCache.WholeTree));
        await using var db = services.CreateScope().ServiceProvider.GetRequiredService<EvidenceDb>();
        var leaves = await db.LedgerNodes.Where(n => n.Position < LedgerNode.PositionOf(1, 0)).OrderBy(n => n.Position).Select(n => n.Hash).ToListAsync();

        Assert.That(await db.NodeCacheCoversAsync(Leaves, CancellationToken.None), Is.False, "a request reads 100k entries at most");
        Assert.That(await db.NodeCacheCoversAsync(Leaves, CancellationToken.None), Is.True, "the next one reads the rest");
        Assert.That(await db.RootHashAsync(Leaves, CancellationToken.None), Is.EqualTo(MerkleTree.RootHash(leaves)));
        foreach (var index in new[] { 0, 49_999, 50_000, 99_999, 100_000, Leaves - 1 })
        {
            Assert.That(await db.InclusionProofAsync(index, Leaves, CancellationToken.None),
                Is.EqualTo(MerkleTree.InclusionProof(leaves, index)), $"inclusion {index}");
        }
    }

    [Test]
    public async Task Tree_nodes_cannot_be_changed_or_deleted()
    {
        await AppendAsync(4);

        await using var db = OpenDb();
        Assert.That(() => db.LedgerNodes.ExecuteUpdateAsync(set => set.SetProperty(n => n.Hash, new byte[32])), Throws.Exception);
        Assert.That(() => db.LedgerNodes.ExecuteDeleteAsync(), Throws.Exception);
        Assert.That(await db.LedgerNodes.CountAsync(), Is.EqualTo(4 + 2 + 1));
    }

    /// <summary>The stored tree itself: a cache from the highest level holds nothing in a log this short.</summary>
    private ServiceProvider StoredTreeServices() =>
        TestDatabases.DatabaseServices(provider, _connection, new LedgerNodeCache(LedgerNode.HighestLevel));

    /// <summary>From subtrees of 4 leaves up, so that a short log has levels both in memory and only in the database.</summary>
    private ServiceProvider ServicesWithTreeInMemoryFromLevel2(out LedgerNodeCache cache)
    {
        cache = new LedgerNodeCache(lowestLevel: 2);
        return TestDatabases.DatabaseServices(provider, _connection, cache);
    }

    /// <summary>The log and its tree as they were when it held <paramref name="size"/> entries, with the tables' guards off.</summary>
    private async Task ForgetEntriesFromAsync(EvidenceDb db, long size)
    {
        var laterSubtrees = $"(position & {(1L << 56) - 1}) >= (CAST({size} AS BIGINT) >> CAST(position >> 56 AS INTEGER))";
        await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.PostgreSql
            ? $"""
              ALTER TABLE ledger_nodes DISABLE TRIGGER USER; ALTER TABLE custody_events DISABLE TRIGGER USER;
              DELETE FROM ledger_nodes WHERE {laterSubtrees}; DELETE FROM custody_events WHERE sequence >= {size};
              ALTER TABLE ledger_nodes ENABLE TRIGGER USER; ALTER TABLE custody_events ENABLE TRIGGER USER;
              """
            : $"""
              DROP TRIGGER IF EXISTS ledger_nodes_no_delete; DROP TRIGGER IF EXISTS custody_events_no_delete;
              DELETE FROM ledger_nodes WHERE {laterSubtrees}; DELETE FROM custody_events WHERE sequence >= {size};
              """);
    }

    /// <summary>As a superuser could, with the table's guards off.</summary>
    private async Task DeleteStoredNodesAsync(EvidenceDb db, int fromLevel)
    {
        var from = LedgerNode.PositionOf(fromLevel, 0);
        await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.PostgreSql
            ? $"ALTER TABLE ledger_nodes DISABLE TRIGGER USER; DELETE FROM ledger_nodes WHERE position >= {from}; ALTER TABLE ledger_nodes ENABLE TRIGGER USER;"
            : $"DROP TRIGGER IF EXISTS ledger_nodes_no_delete; DELETE FROM ledger_nodes WHERE position >= {from};");
    }

    private EvidenceDb OpenDb() => _services.CreateScope().ServiceProvider.GetRequiredService<EvidenceDb>();

    private Task AppendAsync(int count) => AppendAsync(_services, count);

    private static async Task AppendAsync(ServiceProvider services, int count)
    {
        await using var db = services.CreateScope().ServiceProvider.GetRequiredService<EvidenceDb>();
        for (var i = 0; i < count; i++)
        {
            db.CustodyEvents.Record(CustodyAction.DockRegistered, Auditor, reason: $"event {i}");
            await db.SaveChangesAsync();
        }
    }

    private static async Task<List<byte[]>> LeafHashesAsync(EvidenceDb db) =>
        await db.CustodyEvents.OrderBy(e => e.Sequence).Select(e => e.LeafHash).ToListAsync();
}
