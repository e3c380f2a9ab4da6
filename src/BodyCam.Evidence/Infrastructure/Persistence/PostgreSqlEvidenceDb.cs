using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BodyCam.Evidence.Infrastructure.Persistence;

public sealed class PostgreSqlEvidenceDb(DbContextOptions<PostgreSqlEvidenceDb> options, TimeProvider clock) : EvidenceDb(options, clock)
{
    /// <summary>Arbitrary but fixed: every appender must take the same transaction-scoped advisory lock.</summary>
    private const long CustodyLogLockKey = 0x42_43_45_56_43_55_53_54;

    internal override async Task LockCustodyLogAsync(CancellationToken cancellationToken) =>
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CustodyLogLockKey})", cancellationToken);
}

internal sealed class PostgreSqlEvidenceDbDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlEvidenceDb>
{
    public PostgreSqlEvidenceDb CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgreSqlEvidenceDb>().UseNpgsql("Host=127.0.0.1").UseSnakeCaseNamingConvention().Options,
        TimeProvider.System);
}
