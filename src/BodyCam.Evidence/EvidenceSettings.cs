using System.Data.Common;
using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Features.Ingestion;
using BodyCam.Evidence.Features.Ingestion.Axis;
using BodyCam.Evidence.Features.Oversight;
using BodyCam.Evidence.Features.Playback;
using BodyCam.Evidence.Features.Public;
using BodyCam.Evidence.Features.Releases;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Features.Review;
using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace BodyCam.Evidence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public enum JobStorageProvider
{
    InMemory,
    PostgreSql,
}

/// <summary>
/// Every configuration key the system reads, with the embedded profile's defaults: with no configuration at
/// all it runs on SQLite, the filesystem and in-memory jobs, everything under <c>Data:Root</c>. A value the server
/// cannot run with is refused here, at start, with a <see cref="ConfigurationException"/> naming its key. The
/// database and job storage are bound here; each area's settings live beside the area and are bound from here.
/// </summary>
public sealed record EvidenceSettings(
    string DataRoot,
    DatabaseProvider Database,
    string DatabaseConnection,
    bool MigrateOnStartup,
    BlobStorageSettings Storage,
    JobStorageProvider Jobs,
    IdentitySettings Identity,
    IngestionSettings Ingestion,
    LedgerSettings Ledger,
    AxisSettings Axis,
    RetentionSettings Retention,
    ReviewSettings Review,
    PlaybackSettings Playback,
    FixitySettings Fixity,
    ExportSettings Exports,
    ConsoleSettings Console,
    PublicSettings Public,
    OversightSettings Oversight,
    ReleaseSettings Releases)
{
    public static EvidenceSettings From(IConfiguration configuration)
    {
        var dataRoot = Path.GetFullPath(configuration["Data:Root"] ?? "data");
        var database = configuration.Value("Database:Provider", DatabaseProvider.Sqlite);
        var storage = BlobStorageSettings.From(configuration, dataRoot);
        var databaseConnection = configuration.GetConnectionString("Evidence") ?? DefaultConnection(database, dataRoot);
        ConfigurationValues.EnsureConnectionString("ConnectionStrings:Evidence", database.ToString(), () => database == DatabaseProvider.PostgreSql
            ? new NpgsqlConnectionStringBuilder(databaseConnection)
            : (DbConnectionStringBuilder)new SqliteConnectionStringBuilder(databaseConnection));
        return new EvidenceSettings(
            dataRoot,
            database,
            databaseConnection,
            configuration.Value("Database:MigrateOnStartup", database == DatabaseProvider.Sqlite),
            storage,
            configuration.Value("Jobs:Storage", database == DatabaseProvider.PostgreSql ? JobStorageProvider.PostgreSql : JobStorageProvider.InMemory),
            IdentitySettings.From(configuration, dataRoot),
            IngestionSettings.From(configuration),
            LedgerSettings.From(configuration, dataRoot),
            AxisSettings.From(configuration),
            RetentionSettings.From(configuration, storage.Provider),
            ReviewSettings.From(configuration),
            PlaybackSettings.From(configuration),
            FixitySettings.From(configuration),
            ExportSettings.From(configuration),
            ConsoleSettings.From(configuration),
            PublicSettings.From(configuration),
            OversightSettings.From(configuration),
            ReleaseSettings.From(configuration));
    }

    private static string DefaultConnection(DatabaseProvider database, string dataRoot) => database switch
    {
        DatabaseProvider.Sqlite => $"Data Source={Path.Combine(dataRoot, "evidence.db")}",
        _ => throw new ConfigurationException("ConnectionStrings:Evidence is required when Database:Provider is PostgreSql."),
    };
}
