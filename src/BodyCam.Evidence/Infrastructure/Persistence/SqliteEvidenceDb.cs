using BodyCam.Evidence.Infrastructure.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BodyCam.Evidence.Infrastructure.Persistence;

public sealed class SqliteEvidenceDb(DbContextOptions<SqliteEvidenceDb> options, TimeProvider clock, CustodyLogIntegration integration)
    : EvidenceDb(options, clock, integration)
{
    /// <summary>
    /// Nothing to take: Microsoft.Data.Sqlite opens every transaction with BEGIN IMMEDIATE, so the database
    /// already has a single writer from the first statement of the transaction.
    /// </summary>
    internal override Task LockCustodyLogAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private protected override EvidenceDb OpenAnother(DbContextOptions options, TimeProvider clock, CustodyLogIntegration integration) =>
        new SqliteEvidenceDb((DbContextOptions<SqliteEvidenceDb>)options, clock, integration);

    /// <summary>Nothing to take, for the same reason as <see cref="LockCustodyLogAsync"/>.</summary>
    internal override Task LockViewSessionAsync(string key, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Nothing to take, for the same reason as <see cref="LockCustodyLogAsync"/>.</summary>
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
