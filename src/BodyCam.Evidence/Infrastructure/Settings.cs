using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public enum StorageProvider
{
    FileSystem,
    AzureBlob,
}

public enum JobStorageProvider
{
    InMemory,
    PostgreSql,
}

/// <summary>
/// Every configuration key the system reads, with the embedded profile's defaults: with no configuration at
/// all it runs on SQLite, the filesystem and in-memory jobs, everything under <c>Data:Root</c>.
/// </summary>
public sealed record EvidenceSettings(
    string DataRoot,
    DatabaseProvider Database,
    string DatabaseConnection,
    bool MigrateOnStartup,
    StorageProvider Storage,
    string StorageRoot,
    string? BlobConnection,
    string BlobContainer,
    JobStorageProvider Jobs,
    IdentitySettings Identity)
{
    public static EvidenceSettings From(IConfiguration configuration)
    {
        var dataRoot = Path.GetFullPath(configuration["Data:Root"] ?? "data");
        var database = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        return new EvidenceSettings(
            dataRoot,
            database,
            configuration.GetConnectionString("Evidence") ?? DefaultConnection(database, dataRoot),
            configuration.GetValue("Database:MigrateOnStartup", database == DatabaseProvider.Sqlite),
            configuration.GetValue("Storage:Provider", StorageProvider.FileSystem),
            Path.GetFullPath(configuration["Storage:Root"] ?? Path.Combine(dataRoot, "blobs")),
            configuration.GetConnectionString("Blobs"),
            configuration["Storage:Container"] ?? "evidence",
            configuration.GetValue("Jobs:Storage", database == DatabaseProvider.PostgreSql ? JobStorageProvider.PostgreSql : JobStorageProvider.InMemory),
            new IdentitySettings(
                configuration["Identity:Authority"],
                configuration["Identity:Audience"] ?? "bodycam-evidence",
                Path.GetFullPath(configuration["Identity:SigningKeyPath"] ?? Path.Combine(dataRoot, "keys", "token-signing.key"))));
    }

    private static string DefaultConnection(DatabaseProvider database, string dataRoot) => database switch
    {
        DatabaseProvider.Sqlite => $"Data Source={Path.Combine(dataRoot, "evidence.db")}",
        _ => throw new InvalidOperationException("ConnectionStrings:Evidence is required when Database:Provider is PostgreSql."),
    };
}

/// <summary>
/// With an <see cref="Authority"/>, tokens come from that OIDC issuer; without one, from the local issuer whose
/// key is kept at <see cref="LocalSigningKeyPath"/>.
/// </summary>
public sealed record IdentitySettings(string? Authority, string Audience, string LocalSigningKeyPath)
{
    public bool UsesLocalIssuer => string.IsNullOrEmpty(Authority);
}
