using System.Data.Common;
using Azure.Storage.Blobs;
using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Features.Ingestion;
using BodyCam.Evidence.Infrastructure.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

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
/// all it runs on SQLite, the filesystem and in-memory jobs, everything under <c>Data:Root</c>. A value the server
/// cannot run with is refused here, at start, with a <see cref="ConfigurationException"/> naming its key.
/// </summary>
public sealed record EvidenceSettings(
    string DataRoot,
    DatabaseProvider Database,
    string DatabaseConnection,
    bool MigrateOnStartup,
    StorageProvider Storage,
    string StorageRoot,
    string? BlobConnection,
    Uri? BlobAccountUrl,
    string BlobContainer,
    JobStorageProvider Jobs,
    IdentitySettings Identity,
    IngestionSettings Ingestion,
    LedgerSettings Ledger,
    AxisSettings Axis,
    RetentionSettings Retention,
    ReviewSettings Review,
    PlaybackSettings Playback,
    FixitySettings Fixity,
    ExportSettings Exports)
{
    public static EvidenceSettings From(IConfiguration configuration)
    {
        var dataRoot = Path.GetFullPath(configuration["Data:Root"] ?? "data");
        var database = configuration.Value("Database:Provider", DatabaseProvider.Sqlite);
        var storage = configuration.Value("Storage:Provider", StorageProvider.FileSystem);
        var blobConnection = configuration.GetConnectionString("Blobs");
        var blobAccountUrl = BlobAccountUrlFrom(configuration["Storage:AccountUrl"]);
        if (storage == StorageProvider.AzureBlob && string.IsNullOrEmpty(blobConnection) && blobAccountUrl is null)
        {
            throw new ConfigurationException(
                "ConnectionStrings:Blobs or Storage:AccountUrl is required when Storage:Provider is AzureBlob.");
        }
        if (storage == StorageProvider.AzureBlob && !string.IsNullOrEmpty(blobConnection))
        {
            EnsureConnectionString("ConnectionStrings:Blobs", "Azure Storage", () => new BlobServiceClient(blobConnection));
        }
        var databaseConnection = configuration.GetConnectionString("Evidence") ?? DefaultConnection(database, dataRoot);
        EnsureConnectionString("ConnectionStrings:Evidence", database.ToString(), () => database == DatabaseProvider.PostgreSql
            ? new NpgsqlConnectionStringBuilder(databaseConnection)
            : (DbConnectionStringBuilder)new SqliteConnectionStringBuilder(databaseConnection));
        return new EvidenceSettings(
            dataRoot,
            database,
            databaseConnection,
            configuration.Value("Database:MigrateOnStartup", database == DatabaseProvider.Sqlite),
            storage,
            Path.GetFullPath(configuration["Storage:Root"] ?? Path.Combine(dataRoot, "blobs")),
            string.IsNullOrEmpty(blobConnection) ? null : blobConnection,
            blobAccountUrl,
            configuration["Storage:Container"] ?? "evidence",
            configuration.Value("Jobs:Storage", database == DatabaseProvider.PostgreSql ? JobStorageProvider.PostgreSql : JobStorageProvider.InMemory),
            new IdentitySettings(
                AuthorityFrom(configuration["Identity:Authority"]),
                configuration["Identity:Audience"] ?? "bodycam-evidence",
                Path.GetFullPath(configuration["Identity:SigningKeyPath"] ?? Path.Combine(dataRoot, "keys", "token-signing.key"))),
            IngestionSettings.From(configuration),
            LedgerSettings.From(configuration, dataRoot),
            AxisSettings.From(configuration),
            RetentionSettings.From(configuration, storage),
            ReviewSettings.From(configuration),
            PlaybackSettings.From(configuration),
            FixitySettings.From(configuration),
            ExportSettings.From(configuration));
    }

    /// <summary>
    /// The account is reached with a managed identity's bearer tokens, which must not cross a network in clear;
    /// https only: Azure.Core refuses to send a bearer token over plain http, even to Azurite on loopback.
    /// </summary>
    private static Uri? BlobAccountUrlFrom(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url)
            || url.Scheme != Uri.UriSchemeHttps)
        {
            throw new ConfigurationException(
                $"Storage:AccountUrl '{value}' must be an absolute https URL, such as https://<account>.blob.core.windows.net: " +
                "a managed identity's token is never sent over plain http.");
        }
        return url;
    }

    /// <summary>An OIDC issuer's keys are fetched from its metadata, which the token handler reads over https only.</summary>
    private static string? AuthorityFrom(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        return Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps
            ? value
            : throw new ConfigurationException($"Identity:Authority '{value}' must be the OIDC issuer's absolute https URL.");
    }

    /// <summary>
    /// Parses a connection string now; its client would refuse it only at the first connection. The refusal names
    /// what is wrong without repeating the string, which may hold a password or an account key.
    /// </summary>
    private static void EnsureConnectionString(string key, string kind, Func<object> parse)
    {
        try
        {
            parse();
        }
        catch (Exception invalid) when (invalid is ArgumentException or FormatException)
        {
            throw new ConfigurationException($"{key} is not a valid {kind} connection string: {invalid.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static string DefaultConnection(DatabaseProvider database, string dataRoot) => database switch
    {
        DatabaseProvider.Sqlite => $"Data Source={Path.Combine(dataRoot, "evidence.db")}",
        _ => throw new ConfigurationException("ConnectionStrings:Evidence is required when Database:Provider is PostgreSql."),
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

/// <summary>Limits of ingestion, whatever the protocol.</summary>
public sealed record IngestionSettings(
    long MaxUploadBytes, int BlockSize, TimeSpan UploadExpiry, IReadOnlySet<string> RequiredMetadata, int MaxConcurrentRequests, int MaxConcurrentRequestsPerDock)
{
    /// <summary>Azure discards uncommitted blocks a week after the last Put Block; an upload must expire before that.</summary>
    private static readonly TimeSpan AzureUncommittedBlockLifetime = TimeSpan.FromDays(7);

    public static IngestionSettings From(IConfiguration configuration)
    {
        var settings = new IngestionSettings(
            configuration.Value("Ingestion:MaxUploadBytes", 64L * 1024 * 1024 * 1024),
            configuration.Value("Ingestion:BlockSizeBytes", 8 * 1024 * 1024),
            configuration.Value("Ingestion:UploadExpiry", TimeSpan.FromDays(3)),
            (configuration["Ingestion:RequiredMetadata"] ?? string.Join(',', RecordingMetadata.Requirable))
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .ToHashSet(StringComparer.Ordinal),
            configuration.Value("Ingestion:MaxConcurrentRequests", 64),
            configuration.Value("Ingestion:MaxConcurrentRequestsPerDock", 8));
        if (settings.MaxConcurrentRequests < 1 || settings.MaxConcurrentRequestsPerDock < 1)
        {
            throw new ConfigurationException("Ingestion:MaxConcurrentRequests and Ingestion:MaxConcurrentRequestsPerDock must be at least 1.");
        }
        if (settings.RequiredMetadata.Except(RecordingMetadata.Requirable).FirstOrDefault() is { } unknown)
        {
            throw new ConfigurationException(
                $"Ingestion:RequiredMetadata names '{unknown}'; it may list only {string.Join(", ", RecordingMetadata.Requirable)}.");
        }
        if (settings.UploadExpiry <= TimeSpan.Zero || settings.UploadExpiry >= AzureUncommittedBlockLifetime)
        {
            throw new ConfigurationException($"Ingestion:UploadExpiry must be positive and under {AzureUncommittedBlockLifetime.TotalDays} days.");
        }
        if (settings.BlockSize is < 64 * 1024 or > 64 * 1024 * 1024)
        {
            throw new ConfigurationException("Ingestion:BlockSizeBytes must be between 64 KiB and 64 MiB.");
        }
        return settings;
    }
}

/// <summary>
/// The custody log's public identity: the checkpoint origin (also the signing key's name), the Ed25519 key
/// that signs checkpoints, kept outside the database, and how soon a grown log gets a new checkpoint.
/// </summary>
public sealed record LedgerSettings(string Origin, string SigningKeyPath, int CheckpointEverySeconds, int TreeInMemoryFromLevel)
{
    public static LedgerSettings From(IConfiguration configuration, string dataRoot)
    {
        var settings = new LedgerSettings(
            configuration["Ledger:Origin"] ?? "bodycam-evidence.localhost/custody",
            Path.GetFullPath(configuration["Ledger:SigningKeyPath"] ?? Path.Combine(dataRoot, "keys", "ledger-signing.key")),
            configuration.Value("Ledger:CheckpointEverySeconds", 5),
            configuration.Value("Ledger:TreeInMemoryFromLevel", LedgerNodeCache.WholeTree));
        if (settings.Origin.Length == 0 || settings.Origin.Any(c => char.IsWhiteSpace(c) || c == '+'))
        {
            throw new ConfigurationException("Ledger:Origin must be non-empty, without spaces or '+': it is also the signing key's name.");
        }
        if (settings.CheckpointEverySeconds is < 1 or > 30 || 60 % settings.CheckpointEverySeconds != 0)
        {
            throw new ConfigurationException("Ledger:CheckpointEverySeconds must divide a minute: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30.");
        }
        if (settings.TreeInMemoryFromLevel is < 0 or > LedgerNode.HighestLevel)
        {
            throw new ConfigurationException($"Ledger:TreeInMemoryFromLevel must be a tree level from 0 (the whole tree) to {LedgerNode.HighestLevel}.");
        }
        return settings;
    }

    /// <summary>A seconds-field cron schedule; Hangfire polls its schedule every second for it (see EvidenceServices).</summary>
    public string CheckpointSchedule => $"*/{CheckpointEverySeconds} * * * * *";
}

/// <summary>
/// The Axis Body Worn Integration API: how long a Swift auth token lives, and what the connection file tells
/// the Axis manager. Its uploads are bounded as every ingestion is (<see cref="IngestionSettings"/>).
/// </summary>
public sealed record AxisSettings(
    TimeSpan TokenLifetime,
    string ContainerType,
    string? HttpsCertificatePath,
    string? EncryptionPublicKeyPath,
    string? EncryptionPublicKeyId)
{
    public static readonly IReadOnlyList<string> ContainerTypes = ["mp4", "mkv"];

    public static AxisSettings From(IConfiguration configuration)
    {
        var settings = new AxisSettings(
            configuration.Value("Axis:TokenLifetime", TimeSpan.FromHours(1)),
            configuration["Axis:ContainerType"] ?? "mp4",
            configuration["Axis:HttpsCertificatePath"],
            configuration["Axis:EncryptionPublicKeyPath"],
            configuration["Axis:EncryptionPublicKeyId"]);
        if (settings.TokenLifetime < TimeSpan.FromMinutes(1))
        {
            throw new ConfigurationException("Axis:TokenLifetime must be at least a minute.");
        }
        if (!ContainerTypes.Contains(settings.ContainerType))
        {
            throw new ConfigurationException("Axis:ContainerType must be mp4 or mkv.");
        }
        if (settings.EncryptionPublicKeyPath is null != settings.EncryptionPublicKeyId is null)
        {
            throw new ConfigurationException("Axis:EncryptionPublicKeyPath and Axis:EncryptionPublicKeyId are set together or not at all.");
        }
        return settings;
    }
}

public enum ImmutabilityMode
{
    Off,
    Unlocked,
    Locked,
}

/// <summary>
/// How long evidence is kept when no category says (<see cref="DefaultDays"/>), how long a disposed item can still be
/// restored (<see cref="SoftDeleteDays"/>), when the sweep and the purge run, and whether verified Azure blobs are
/// made immutable (<see cref="Immutability"/>: version-level WORM policies up to the retention end, and blob legal holds).
/// </summary>
public sealed record RetentionSettings(
    int DefaultDays, int SoftDeleteDays, string SweepSchedule, string PurgeSchedule, ImmutabilityMode Immutability, int IndefiniteImmutabilityDays)
{
    public static RetentionSettings From(IConfiguration configuration, StorageProvider storage)
    {
        var settings = new RetentionSettings(
            configuration.Value("Retention:DefaultDays", 180),
            configuration.Value("Retention:SoftDeleteDays", 30),
            configuration["Retention:SweepSchedule"] ?? "0 2 * * *",
            configuration["Retention:PurgeSchedule"] ?? "30 2 * * *",
            configuration.Value("Storage:Immutability", ImmutabilityMode.Off),
            configuration.Value("Retention:IndefiniteImmutabilityDays", 365));
        if (settings.DefaultDays < 1 || settings.SoftDeleteDays < 0 || settings.IndefiniteImmutabilityDays < 1)
        {
            throw new ConfigurationException(
                "Retention:DefaultDays and Retention:IndefiniteImmutabilityDays must be at least 1, Retention:SoftDeleteDays at least 0.");
        }
        if (settings.Immutability != ImmutabilityMode.Off && storage != StorageProvider.AzureBlob)
        {
            throw new ConfigurationException("Storage:Immutability needs Storage:Provider AzureBlob: the filesystem store has no WORM policies.");
        }
        return settings;
    }
}

/// <summary>
/// Which categories are use of force, whose recordings a supervisor must review: <c>Review:UseOfForceCategories</c>,
/// category ids as an array (<c>Review__UseOfForceCategories__0</c>…) or one comma-separated value.
/// </summary>
public sealed record ReviewSettings(IReadOnlyList<string> UseOfForceCategories)
{
    public static ReviewSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Review:UseOfForceCategories");
        var listed = section.GetChildren().Select(child => child.Value).OfType<string>().ToList();
        var categories = (listed.Count > 0 ? listed : [.. (section.Value ?? "use-of-force").Split(',')])
            .Select(id => id.Trim())
            .Where(id => id.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (categories.Count == 0)
        {
            throw new ConfigurationException("Review:UseOfForceCategories must name at least one category id.");
        }
        return new ReviewSettings(categories);
    }
}

/// <summary>
/// Content requests of one viewer, item, reason and address less than <see cref="SessionIdle"/> apart are one view
/// session, and so one custody event.
/// </summary>
public sealed record PlaybackSettings(TimeSpan SessionIdle)
{
    public static PlaybackSettings From(IConfiguration configuration)
    {
        var settings = new PlaybackSettings(configuration.Value("Playback:SessionIdle", TimeSpan.FromMinutes(5)));
        if (settings.SessionIdle < TimeSpan.FromSeconds(10) || settings.SessionIdle > TimeSpan.FromHours(1))
        {
            throw new ConfigurationException("Playback:SessionIdle must be between 10 seconds and an hour: the view is in the ledger only once its session closes.");
        }
        return settings;
    }
}

/// <summary>
/// How the stored bytes of verified items are read back and re-hashed: each at least once per <see cref="Interval"/>,
/// by a recurring run on <see cref="Schedule"/> that stops after <see cref="MaxBytesPerRun"/> bytes or
/// <see cref="MaxItemsPerRun"/> items, so that the store's bandwidth stays ingestion's.
/// </summary>
public sealed record FixitySettings(TimeSpan Interval, string Schedule, long MaxBytesPerRun, int MaxItemsPerRun)
{
    public static FixitySettings From(IConfiguration configuration)
    {
        var settings = new FixitySettings(
            configuration.Value("Fixity:Interval", TimeSpan.FromDays(30)),
            configuration["Fixity:Schedule"] ?? "15 * * * *",
            configuration.Value("Fixity:MaxBytesPerRun", 50L * 1024 * 1024 * 1024),
            configuration.Value("Fixity:MaxItemsPerRun", 5000));
        if (settings.Interval < TimeSpan.FromHours(1))
        {
            throw new ConfigurationException("Fixity:Interval must be at least an hour.");
        }
        if (settings.MaxBytesPerRun < 1 || settings.MaxItemsPerRun < 1)
        {
            throw new ConfigurationException("Fixity:MaxBytesPerRun and Fixity:MaxItemsPerRun must be at least 1.");
        }
        return settings;
    }
}

/// <summary>
/// How long an export package's download link lives and how often it may be used, how long ffmpeg may take to cut
/// one clip, how many different people approve a clip request (<see cref="RequiredApprovals"/>, 1 or 2), and after
/// how long a request still processing with no live job is taken for lost and re-enqueued.
/// </summary>
public sealed record ExportSettings(TimeSpan LinkLifetime, int MaxDownloads, TimeSpan CutTimeout, int RequiredApprovals, TimeSpan StuckProcessingAfter)
{
    public static ExportSettings From(IConfiguration configuration)
    {
        var settings = new ExportSettings(
            configuration.Value("Exports:LinkLifetime", TimeSpan.FromDays(7)),
            configuration.Value("Exports:MaxDownloads", 3),
            configuration.Value("Exports:CutTimeout", TimeSpan.FromHours(1)),
            configuration.Value("Exports:RequiredApprovals", 1),
            configuration.Value("Exports:StuckProcessingAfter", TimeSpan.FromMinutes(30)));
        if (settings.LinkLifetime <= TimeSpan.Zero || settings.MaxDownloads < 1 || settings.CutTimeout <= TimeSpan.Zero)
        {
            throw new ConfigurationException("Exports:LinkLifetime and Exports:CutTimeout must be positive, Exports:MaxDownloads at least 1.");
        }
        if (settings.RequiredApprovals is not (1 or 2))
        {
            throw new ConfigurationException("Exports:RequiredApprovals is 1 or 2.");
        }
        if (settings.StuckProcessingAfter < TimeSpan.FromMinutes(1))
        {
            throw new ConfigurationException("Exports:StuckProcessingAfter must be at least a minute.");
        }
        return settings;
    }
}
