using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Infrastructure.Persistence;

/// <summary>Each database's migrations: they say all the model says, and a migrated database is what the code expects.</summary>
[TestFixtureSource(nameof(Databases))]
public sealed class MigrationTests(DatabaseProvider provider)
{
    public static readonly DatabaseProvider[] Databases = [DatabaseProvider.PostgreSql, DatabaseProvider.Sqlite];

    [Test]
    public async Task The_model_has_no_change_the_migrations_lack()
    {
        await using var services = TestDatabases.DatabaseServices(provider, await TestDatabases.CreateAsync(provider));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvidenceDb>();

        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "add a migration: dotnet ef migrations add <Name> --context " + db.GetType().Name);
        Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
    }
}

/// <summary>Readers do not wait for the writer: the migration leaves the file in WAL mode, which its copies keep.</summary>
public sealed class SqliteMigrationTests
{
    [Test]
    public async Task A_migrated_database_keeps_a_write_ahead_log()
    {
        await using var services = TestDatabases.DatabaseServices(DatabaseProvider.Sqlite, await TestDatabases.CreateAsync(DatabaseProvider.Sqlite));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvidenceDb>();

        var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();

        Assert.That(mode, Is.EqualTo(new[] { "wal" }));
    }
}
