using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Verification.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BodyCam.Evidence.Infrastructure.Persistence;

public sealed class SqliteEvidenceDb(DbContextOptions<SqliteEvidenceDb> options, TimeProvider clock, CustodyLogIntegration integration)
    : EvidenceDb(options, clock, integration)
{
    /// <summary>
    /// Nothing to lock: Microsoft.Data.Sqlite opens every transaction with BEGIN IMMEDIATE, so the database
    /// already has a single writer from the first statement of the transaction.
    /// </summary>
    internal override async Task<(CustodyLogHead Head, List<UnsealedCustodyEvent> Unsealed)> LockLogAndReadUnsealedAsync(
        int limit, CancellationToken cancellationToken)
    {
        var last = await CustodyEvents.AsNoTracking()
            .Where(e => e.Sequence != null)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { Sequence = e.Sequence!.Value, e.LeafHash })
            .FirstOrDefaultAsync(cancellationToken);
        var unsealed = await CustodyEvents.AsNoTracking()
            .Where(e => e.Sequence == null)
            .OrderBy(e => e.Id)
            .Take(limit)
            .Select(e => new { e.Id, e.Time, e.ActorId, e.ActorKind, e.ActorRole, e.ClientIp, e.Action, e.EvidenceId, e.ContentSha256, e.Reason, e.Outcome })
            .ToListAsync(cancellationToken);
        return (
            last is null ? new CustodyLogHead(0, null) : new CustodyLogHead(last.Sequence + 1, last.LeafHash),
            [.. unsealed.Select(e => new UnsealedCustodyEvent(e.Id, new CustodyEntry(
                Sequence: -1, e.Time, e.ActorId, e.ActorKind.ToString(), e.ActorRole, e.ClientIp, e.Action.ToString(), e.EvidenceId, e.ContentSha256, e.Reason, e.Outcome.ToString())))]);
    }

    /// <summary>A statement per row: SQLite has no arrays to unnest, and runs in this process, so a statement costs no round trip.</summary>
    internal override async Task WriteSealsAsync(IReadOnlyList<CustodyEventSeal> seals, IReadOnlyList<LedgerNode> nodes, CancellationToken cancellationToken)
    {
        foreach (var seal in seals)
        {
            var updated = await Database.ExecuteSqlAsync(
                $"UPDATE custody_events SET sequence = {seal.Sequence}, entry = {seal.Entry}, leaf_hash = {seal.LeafHash} WHERE id = {seal.Id} AND sequence IS NULL",
                cancellationToken);
            if (updated != 1)
            {
                throw new InvalidOperationException($"Sealing custody event {seal.Id} updated {updated} rows: events were sealed outside the log's lock.");
            }
        }
        foreach (var node in nodes)
        {
            await Database.ExecuteSqlAsync($"INSERT INTO ledger_nodes (position, hash) VALUES ({node.Position}, {node.Hash})", cancellationToken);
        }
    }

    private protected override EvidenceDb OpenAnother(DbContextOptions options, TimeProvider clock, CustodyLogIntegration integration) =>
        new SqliteEvidenceDb((DbContextOptions<SqliteEvidenceDb>)options, clock, integration);

    /// <summary>Nothing to take, for the same reason as <see cref="LockLogAndReadUnsealedAsync"/>.</summary>
    internal override Task LockViewSessionsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A statement per session: SQLite runs in this process, so a statement costs no round trip.</summary>
    internal override async Task<IReadOnlySet<Guid>> LockAndExtendViewSessionsAsync(
        IReadOnlyList<string> keys, IReadOnlyList<SessionExtension> extensions, CancellationToken cancellationToken)
    {
        var extended = new HashSet<Guid>();
        foreach (var extension in extensions)
        {
            var updated = await ViewSessions
                .Where(s => s.Id == extension.Id && s.ClosedAt == null && s.Requests == extension.RequestsBefore)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(s => s.ServedRanges, extension.ServedRanges)
                    .SetProperty(s => s.Requests, extension.Requests)
                    .SetProperty(s => s.LastRequestAt, extension.LastRequestAt), cancellationToken);
            if (updated == 1)
            {
                extended.Add(extension.Id);
            }
        }
        return extended;
    }

    /// <summary>Nothing to take, for the same reason as <see cref="LockLogAndReadUnsealedAsync"/>.</summary>
    internal override Task LockEvidenceItemsAsync(IReadOnlyCollection<Guid> evidenceIds, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// SQLite has no time type. UTC ticks keep range queries and ordering in the database and, unlike EF's
    /// binary converter (0.1 ms), every digit of the time: a custody entry must re-encode from its row.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        time => time.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}

internal sealed class SqliteEvidenceDbDesignTimeFactory : IDesignTimeDbContextFactory<SqliteEvidenceDb>
{
    public SqliteEvidenceDb CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqliteEvidenceDb>().UseSqlite("Data Source=design-time.db").UseSnakeCaseNamingConvention().Options,
        TimeProvider.System,
        new CustodyLogIntegration());
}
