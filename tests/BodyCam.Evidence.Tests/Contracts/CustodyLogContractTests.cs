using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Docks;
using BodyCam.Evidence.Features.Docks;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Contracts;

/// <summary>The custody append point on every database: PostgreSQL and SQLite, each with its real migrations.</summary>
[TestFixtureSource(nameof(Databases))]
public sealed class CustodyLogContractTests(DatabaseProvider provider)
{
    public static readonly DatabaseProvider[] Databases = [DatabaseProvider.PostgreSql, DatabaseProvider.Sqlite];

    private static readonly Actor Custodian = new("carol", ActorKind.User, "Custodian", "127.0.0.1");

    private ServiceProvider _services = null!;

    [SetUp]
    public async Task CreateFreshDatabase() =>
        _services = TestDatabases.DatabaseServices(provider, await TestDatabases.CreateAsync(provider));

    [TearDown]
    public async Task DisposeServices() => await _services.DisposeAsync();

    [Test]
    public async Task An_update_of_a_custody_event_is_refused_by_the_database()
    {
        await RecordAsync(CustodyAction.DockRegistered, reason: "original");

        await using var db = OpenDb();
        Assert.That(
            () => db.Database.ExecuteSqlRawAsync("UPDATE custody_events SET reason = 'rewritten'"),
            Throws.Exception.With.Message.Contains("append-only"));
        Assert.That(await db.CustodyEvents.Select(e => e.Reason).SingleAsync(), Is.EqualTo("original"));
    }

    [Test]
    public async Task A_delete_of_a_custody_event_is_refused_by_the_database()
    {
        await RecordAsync(CustodyAction.DockRegistered);

        await using var db = OpenDb();
        Assert.That(
            () => db.Database.ExecuteSqlRawAsync("DELETE FROM custody_events"),
            Throws.Exception.With.Message.Contains("append-only"));
        Assert.That(await db.CustodyEvents.CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_appends_get_gap_free_sequence_numbers()
    {
        const int writers = 6;
        const int eventsPerWriter = 5;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            await using var db = OpenDb();
            for (var i = 0; i < eventsPerWriter; i++)
            {
                db.CustodyEvents.Record(CustodyAction.DockRegistered, Custodian, reason: $"writer {writer} event {i}");
                await db.SaveChangesAsync();
            }
        })));

        await using var reader = OpenDb();
        var sequences = await reader.CustodyEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
        Assert.That(sequences, Is.EqualTo(Enumerable.Range(0, writers * eventsPerWriter).Select(i => (long)i)));
    }

    [Test]
    public async Task Events_of_one_unit_of_work_keep_the_order_they_were_recorded_in()
    {
        await using (var db = OpenDb())
        {
            foreach (var reason in new[] { "first", "second", "third" })
            {
                db.CustodyEvents.Record(CustodyAction.DockRegistered, Custodian, reason: reason);
            }
            await db.SaveChangesAsync();
        }

        await using var reader = OpenDb();
        var reasons = await reader.CustodyEvents.OrderBy(e => e.Sequence).Select(e => e.Reason).ToListAsync();
        Assert.That(reasons, Is.EqualTo(new[] { "first", "second", "third" }));
    }

    [Test]
    public async Task A_rolled_back_append_leaves_no_gap()
    {
        await using (var db = OpenDb())
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.CustodyEvents.Record(CustodyAction.DockRegistered, Custodian, reason: "rolled back");
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            });
        }

        await RecordAsync(CustodyAction.DockRegistered, reason: "kept");

        await using var reader = OpenDb();
        var stored = await reader.CustodyEvents.SingleAsync();
        Assert.That((stored.Sequence, stored.Reason), Is.EqualTo((0L, "kept")));
    }

    [Test]
    public async Task A_rolled_back_command_between_two_committed_ones_leaves_no_gap()
    {
        await RunCommandAsync("before");
        Assert.That(async () => await RunCommandAsync("rolled back", fail: true), Throws.InvalidOperationException);
        await RunCommandAsync("after");

        await using var reader = OpenDb();
        var log = await reader.CustodyEvents.OrderBy(e => e.Sequence).Select(e => new { e.Sequence, e.Reason }).ToListAsync();
        Assert.That(log.Select(e => (e.Sequence, e.Reason)), Is.EqualTo(new (long?, string?)[] { (0, "before"), (1, "after") }));
    }

    [Test]
    public async Task A_committed_event_stays_out_of_the_log_until_it_is_integrated()
    {
        await using (var db = OpenDb())
        {
            await CommitWithoutIntegratingAsync(db, "stranded");
        }

        await using (var reader = OpenDb())
        {
            var stranded = await reader.CustodyEvents.SingleAsync();
            Assert.That((stranded.Sequence, stranded.Entry, stranded.LeafHash), Is.EqualTo(((long?)null, Array.Empty<byte>(), Array.Empty<byte>())));
            Assert.That(await reader.LedgerSizeAsync(CancellationToken.None), Is.Zero);
            Assert.That(await reader.LedgerNodes.CountAsync(), Is.Zero);
        }

        await RecordAsync(CustodyAction.DockRegistered, reason: "next");

        await using var verifier = OpenDb();
        var log = await verifier.CustodyEvents.OrderBy(e => e.Sequence).ToListAsync();
        Assert.That(log.Select(e => (e.Sequence, e.Reason)), Is.EqualTo(new (long?, string?)[] { (0, "stranded"), (1, "next") }));
        Assert.That(log.Select(e => e.LeafHash), Is.EqualTo(log.Select(e => MerkleHash.Leaf(e.ToEntry().ToCanonicalBytes()))));
        Assert.That(await verifier.RootHashAsync(2, CancellationToken.None), Is.EqualTo(MerkleTree.RootHash([.. log.Select(e => e.LeafHash)])));
    }

    [Test]
    public async Task The_database_lets_integration_seal_an_event_once_and_change_nothing_else()
    {
        await using (var db = OpenDb())
        {
            await CommitWithoutIntegratingAsync(db, "original");
        }

        await using var writer = OpenDb();
        Assert.That(
            () => writer.Database.ExecuteSqlRawAsync("UPDATE custody_events SET reason = 'rewritten'"),
            Throws.Exception.With.Message.Contains("append-only"), "a recorded field of an unsequenced event");
        Assert.That(
            () => writer.Database.ExecuteSqlRawAsync("UPDATE custody_events SET sequence = 0"),
            Throws.Exception.With.Message.Contains("append-only"), "a sequence without entry bytes and leaf hash");

        await writer.IntegrateCommittedCustodyEventsAsync(CancellationToken.None);

        Assert.That(
            () => writer.Database.ExecuteSqlRawAsync("UPDATE custody_events SET sequence = 5"),
            Throws.Exception.With.Message.Contains("append-only"), "a second sealing");
        var stored = await writer.CustodyEvents.AsNoTracking().SingleAsync();
        Assert.That((stored.Sequence, stored.Reason), Is.EqualTo(((long?)0, "original")));
    }

    [Test]
    public async Task Stored_entry_bytes_and_leaf_hash_match_the_row()
    {
        var evidenceId = Guid.NewGuid();
        await RecordAsync(CustodyAction.DockRegistered, evidenceId, reason: "ünïcode \"quoted\" reason");

        await using var db = OpenDb();
        var stored = await db.CustodyEvents.SingleAsync();

        Assert.That(stored.Entry, Is.EqualTo(stored.ToEntry().ToCanonicalBytes()), "the row must re-encode to the stored bytes");
        Assert.That(stored.LeafHash, Is.EqualTo(MerkleHash.Leaf(stored.Entry)));
        Assert.That(CustodyEntry.FromCanonicalBytes(stored.Entry), Is.EqualTo(stored.ToEntry()));
        Assert.That((stored.EvidenceId, stored.ActorId, stored.ActorRole, stored.ClientIp), Is.EqualTo((evidenceId, "carol", "Custodian", "127.0.0.1")));
    }

    [Test]
    public async Task A_command_that_fails_leaves_neither_its_state_change_nor_its_custody_event()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvidenceDb>();
        var transaction = new TransactionBehaviour<RegisterDock, RegisteredDock>(db, new PostCommitWork());

        Assert.That(
            async () => await transaction.Handle(new RegisterDock("dock-1", null), (_, _) =>
            {
                var (dock, _) = Dock.Register("dock-1", null, "admin", DateTimeOffset.UtcNow);
                db.Docks.Add(dock);
                db.CustodyEvents.Record(CustodyAction.DockRegistered, Custodian);
                throw new InvalidOperationException("handler failed after recording");
            }, CancellationToken.None),
            Throws.InvalidOperationException);

        await using var reader = OpenDb();
        Assert.That(await reader.Docks.CountAsync(), Is.Zero);
        Assert.That(await reader.CustodyEvents.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task A_command_that_succeeds_commits_its_state_change_and_custody_event_together()
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EvidenceDb>();
            var transaction = new TransactionBehaviour<RegisterDock, RegisteredDock>(db, new PostCommitWork());
            await transaction.Handle(new RegisterDock("dock-1", null), (_, _) =>
            {
                var (dock, key) = Dock.Register("dock-1", null, "admin", DateTimeOffset.UtcNow);
                db.Docks.Add(dock);
                db.CustodyEvents.Record(CustodyAction.DockRegistered, Custodian);
                return ValueTask.FromResult(new RegisteredDock(dock.Id, dock.Name, null, key));
            }, CancellationToken.None);
        }

        await using var reader = OpenDb();
        Assert.That(await reader.Docks.CountAsync(), Is.EqualTo(1));
        Assert.That(await reader.CustodyEvents.Select(e => e.Action).SingleAsync(), Is.EqualTo(CustodyAction.DockRegistered));
    }

    /// <summary>What a process that dies between its commit and the integration leaves behind.</summary>
    private static async Task CommitWithoutIntegratingAsync(EvidenceDb db, string reason) =>
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.CustodyEvents.Record(CustodyAction.DockRegistered, Custodian, reason: reason);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });

    private async Task RunCommandAsync(string reason, bool fail = false)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvidenceDb>();
        var transaction = new TransactionBehaviour<RegisterDock, RegisteredDock>(db, new PostCommitWork());
        await transaction.Handle(new RegisterDock(reason, null), (_, _) =>
        {
            var (dock, key) = Dock.Register(reason, null, "admin", DateTimeOffset.UtcNow);
            db.Docks.Add(dock);
            db.CustodyEvents.Record(CustodyAction.DockRegistered, Custodian, reason: reason);
            return fail
                ? throw new InvalidOperationException("handler failed after recording")
                : ValueTask.FromResult(new RegisteredDock(dock.Id, dock.Name, null, key));
        }, CancellationToken.None);
    }

    private EvidenceDb OpenDb() => _services.CreateScope().ServiceProvider.GetRequiredService<EvidenceDb>();

    private async Task RecordAsync(CustodyAction action, Guid? evidenceId = null, string? reason = null)
    {
        await using var db = OpenDb();
        db.CustodyEvents.Record(action, Custodian, evidenceId, reason: reason);
        await db.SaveChangesAsync();
    }
}
