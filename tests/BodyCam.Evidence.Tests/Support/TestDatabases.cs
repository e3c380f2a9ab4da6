using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// Fresh, migrated databases for tests. Each provider's real migrations run once per test run into a template;
/// every test or fixture that asks gets its own copy of it (PostgreSQL: CREATE DATABASE … TEMPLATE; SQLite: a
/// file copy), so no test sees another's rows and no append-only row ever needs deleting.
/// </summary>
public static class TestDatabases
{
    private static readonly string RunId = $"{DateTime.UtcNow:yyyyMMddHHmmss}_{Random.Shared.Next(1000, 9999)}";
    private static readonly string SqliteFolder = Directory.CreateTempSubdirectory("bodycam-tests-sqlite-").FullName;
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static readonly List<string> CreatedPostgresDatabases = [];
    private static int s_databaseCount;
    private static string? s_postgresTemplate;
    private static string? s_sqliteTemplate;

    public static string PostgresConnection(string database) =>
        new NpgsqlConnectionStringBuilder(LocalServices.PostgresServer) { Database = database }.ConnectionString;

    public static async Task<string> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.PostgreSql => await CreatePostgresAsync(),
        _ => await CreateSqliteAsync(),
    };

    /// <summary>An empty PostgreSQL database with no migrations applied.</summary>
    public static async Task<string> CreateEmptyPostgresAsync(string? template = null)
    {
        var name = $"bodycam_test_{RunId}_{Interlocked.Increment(ref s_databaseCount)}";
        await ExecuteOnServerAsync(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}");
        lock (CreatedPostgresDatabases)
        {
            CreatedPostgresDatabases.Add(name);
        }
        return PostgresConnection(name);
    }

    /// <summary>
    /// The database services of the application, and the settings they were built from (so that a job can be run
    /// against the database); with <paramref name="nodeCache"/> instead of its own (one that caches lower levels, say).
    /// </summary>
    public static ServiceProvider DatabaseServices(DatabaseProvider provider, string connection, LedgerNodeCache? nodeCache = null)
    {
        var settings = EvidenceSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection([
                new("Database:Provider", provider.ToString()),
                new("ConnectionStrings:Evidence", connection),
            ])
            .Build());
        return (nodeCache is null ? new ServiceCollection() : new ServiceCollection().AddSingleton(nodeCache))
            .AddSingleton(TimeProvider.System)
            .AddSingleton(settings)
            .AddEvidenceDatabase(settings)
            .BuildServiceProvider();
    }

    public static async Task DropAllAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in CreatedPostgresDatabases)
        {
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(SqliteFolder, recursive: true);
    }

    private static async Task<string> CreatePostgresAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (s_postgresTemplate is null)
            {
                var connection = await CreateEmptyPostgresAsync();
                // The template must have no open connections when it is copied, so migrate without pooling.
                await MigrateAsync(DatabaseProvider.PostgreSql, new NpgsqlConnectionStringBuilder(connection) { Pooling = false }.ConnectionString);
                s_postgresTemplate = new NpgsqlConnectionStringBuilder(connection).Database;
            }
        }
        finally
        {
            TemplateLock.Release();
        }
        return await CreateEmptyPostgresAsync(s_postgresTemplate);
    }

    private static async Task<string> CreateSqliteAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (s_sqliteTemplate is null)
            {
                var template = Path.Combine(SqliteFolder, "template.db");
                await MigrateAsync(DatabaseProvider.Sqlite, $"Data Source={template};Pooling=False");
                s_sqliteTemplate = template;
            }
        }
        finally
        {
            TemplateLock.Release();
        }
        var copy = Path.Combine(SqliteFolder, Guid.NewGuid().ToString("N") + ".db");
        File.Copy(s_sqliteTemplate, copy);
        return $"Data Source={copy}";
    }

    private static async Task MigrateAsync(DatabaseProvider provider, string connection)
    {
        await using var services = DatabaseServices(provider, connection);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EvidenceDb>().Database.MigrateAsync();
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresConnection("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
