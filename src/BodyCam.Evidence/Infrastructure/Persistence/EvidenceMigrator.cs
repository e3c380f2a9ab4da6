using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Infrastructure.Persistence;

/// <summary>
/// Applies the configured database's migrations: the server at start when <c>Database:MigrateOnStartup</c> says so,
/// <c>bodycam db migrate</c>, and the command-line tools that open the embedded database as the server would.
/// </summary>
public sealed class EvidenceMigrator(EvidenceDb db)
{
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken) =>
        [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];

    public Task ApplyAsync(CancellationToken cancellationToken) => db.Database.MigrateAsync(cancellationToken);

    /// <summary>Returns the migrations it applied, in order, for an operator to read; none when the database was up to date.</summary>
    public async Task<IReadOnlyList<string>> ApplyPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await PendingAsync(cancellationToken);
        await ApplyAsync(cancellationToken);
        return pending;
    }
}
