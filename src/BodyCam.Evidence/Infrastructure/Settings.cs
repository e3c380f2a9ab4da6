using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Features.Ingestion;
using BodyCam.Evidence.Infrastructure.Ledger;
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
        var database = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var storage = configuration.GetValue("Storage:Provider", StorageProvider.FileSystem);
        var blobConnection = configuration.GetConnectionString("Blobs");
        var blobAccountUrl = BlobAccountUrlFrom(configuration["Storage:AccountUrl"]);
        if (storage == StorageProvider.AzureBlob && string.IsNullOrEmpty(blobConnection) && blobAccountUrl is null)
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Blobs or Storage:AccountUrl is required when Storage:Provider is AzureBlob.");
        }
        return new EvidenceSettings(
            dataRoot,
            database,
            configuration.GetConnectionString("Evidence") ?? DefaultConnection(database, dataRoot),
            configuration.GetValue("Database:MigrateOnStartup", database == DatabaseProvider.Sqlite),
            storage,
            Path.GetFullPath(configuration["Storage:Root"] ?? Path.Combine(dataRoot, "blobs")),
            string.IsNullOrEmpty(blobConnection) ? null : blobConnection,
            blobAccountUrl,
            configuration["Storage:Container"] ?? "evidence",
            configuration.GetValue("Jobs:Storage", database == DatabaseProvider.PostgreSql ? JobStorageProvider.PostgreSql : JobStorageProvider.InMemory),
            new IdentitySettings(
                configuration["Identity:Authority"],
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
            throw new InvalidOperationException(
                $"Storage:AccountUrl '{value}' must be an absolute https URL, such as https://<account>.blob.core.windows.net: " +
                "a managed identity's token is never sent over plain http.");
        }
        return url;
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

/// <summary>Limits of ingestion, whatever the protocol.</summary>
public sealed record IngestionSettings(
    long MaxUploadBytes, int BlockSize, TimeSpan UploadExpiry, IReadOnlySet<string> RequiredMetadata, int MaxConcurrentRequests, int MaxConcurrentRequestsPerDock)
{
    /// <summary>Azure discards uncommitted blocks a week after the last Put Block; an upload must expire before that.</summary>
    private static readonly TimeSpan AzureUncommittedBlockLifetime = TimeSpan.FromDays(7);

    public static IngestionSettings From(IConfiguration configuration)
    {
        var settings = new IngestionSettings(
            configuration.GetValue("Ingestion:MaxUploadBytes", 64L * 1024 * 1024 * 1024),
            configuration.GetValue("Ingestion:BlockSizeBytes", 8 * 1024 * 1024),
            configuration.GetValue("Ingestion:UploadExpiry", TimeSpan.FromDays(3)),
            (configuration["Ingestion:RequiredMetadata"] ?? string.Join(',', RecordingMetadata.Requirable))
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .ToHashSet(StringComparer.Ordinal),
            configuration.GetValue("Ingestion:MaxConcurrentRequests", 64),
            configuration.GetValue("Ingestion:MaxConcurrentRequestsPerDock", 8));
        if (settings.MaxConcurrentRequests < 1 || settings.MaxConcurrentRequestsPerDock < 1)
        {
            throw new InvalidOperationException("Ingestion:MaxConcurrentRequests and Ingestion:MaxConcurrentRequestsPerDock must be at least 1.");
        }
        if (settings.RequiredMetadata.Except(RecordingMetadata.Requirable).FirstOrDefault() is { } unknown)
        {
            throw new InvalidOperationException(
                $"Ingestion:RequiredMetadata names '{unknown}'; it may list only {string.Join(", ", RecordingMetadata.Requirable)}.");
        }
        if (settings.UploadExpiry <= TimeSpan.Zero || settings.UploadExpiry >= AzureUncommittedBlockLifetime)
        {
            throw new InvalidOperationException($"Ingestion:UploadExpiry must be positive and under {AzureUncommittedBlockLifetime.TotalDays} days.");
        }
        if (settings.BlockSize is < 64 * 1024 or > 64 * 1024 * 1024)
        {
            throw new InvalidOperationException("Ingestion:BlockSizeBytes must be between 64 KiB and 64 MiB.");
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
            configuration.GetValue("Ledger:CheckpointEverySeconds", 5),
            configuration.GetValue("Ledger:TreeInMemoryFromLevel", LedgerNodeCache.WholeTree));
        if (settings.Origin.Length == 0 || settings.Origin.Any(c => char.IsWhiteSpace(c) || c == '+'))
        {
            throw new InvalidOperationException("Ledger:Origin must be non-empty, without spaces or '+': it is also the signing key's name.");
        }
        if (settings.CheckpointEverySeconds is < 1 or > 30 || 60 % settings.CheckpointEverySeconds != 0)
        {
            throw new InvalidOperationException("Ledger:CheckpointEverySeconds must divide a minute: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30.");
        }
        if (settings.TreeInMemoryFromLevel is < 0 or > LedgerNode.HighestLevel)
        {
            throw new InvalidOperationException($"Ledger:TreeInMemoryFromLevel must be a tree level from 0 (the whole tree) to {LedgerNode.HighestLevel}.");
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
            configuration.GetValue("Axis:TokenLifetime", TimeSpan.FromHours(1)),
            configuration["Axis:ContainerType"] ?? "mp4",
            configuration["Axis:HttpsCertificatePath"],
            configuration["Axis:EncryptionPublicKeyPath"],
            configuration["Axis:EncryptionPublicKeyId"]);
        if (settings.TokenLifetime < TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException("Axis:TokenLifetime must be at least a minute.");
        }
        if (!ContainerTypes.Contains(settings.ContainerType))
        {
            throw new InvalidOperationException("Axis:ContainerType must be mp4 or mkv.");
        }
        if (settings.EncryptionPublicKeyPath is null != settings.EncryptionPublicKeyId is null)
        {
            throw new InvalidOperationException("Axis:EncryptionPublicKeyPath and Axis:EncryptionPublicKeyId are set together or not at all.");
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
            configuration.GetValue("Retention:DefaultDays", 180),
            configuration.GetValue("Retention:SoftDeleteDays", 30),
            configuration["Retention:SweepSchedule"] ?? "0 2 * * *",
            configuration["Retention:PurgeSchedule"] ?? "30 2 * * *",
            configuration.GetValue("Storage:Immutability", ImmutabilityMode.Off),
            configuration.GetValue("Retention:IndefiniteImmutabilityDays", 365));
        if (settings.DefaultDays < 1 || settings.SoftDeleteDays < 0 || settings.IndefiniteImmutabilityDays < 1)
        {
            throw new InvalidOperationException(
                "Retention:DefaultDays and Retention:IndefiniteImmutabilityDays must be at least 1, Retention:SoftDeleteDays at least 0.");
        }
        if (settings.Immutability != ImmutabilityMode.Off && storage != StorageProvider.AzureBlob)
        {
            throw new InvalidOperationException("Storage:Immutability needs Storage:Provider AzureBlob: the filesystem store has no WORM policies.");
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
            throw new InvalidOperationException("Review:UseOfForceCategories must name at least one category id.");
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
        var settings = new PlaybackSettings(configuration.GetValue("Playback:SessionIdle", TimeSpan.FromMinutes(5)));
        if (settings.SessionIdle < TimeSpan.FromSeconds(10) || settings.SessionIdle > TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException("Playback:SessionIdle must be between 10 seconds and an hour: the view is in the ledger only once its session closes.");
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
            configuration.GetValue("Fixity:Interval", TimeSpan.FromDays(30)),
            configuration["Fixity:Schedule"] ?? "15 * * * *",
            configuration.GetValue("Fixity:MaxBytesPerRun", 50L * 1024 * 1024 * 1024),
            configuration.GetValue("Fixity:MaxItemsPerRun", 5000));
        if (settings.Interval < TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException("Fixity:Interval must be at least an hour.");
        }
        if (settings.MaxBytesPerRun < 1 || settings.MaxItemsPerRun < 1)
        {
            throw new InvalidOperationException("Fixity:MaxBytesPerRun and Fixity:MaxItemsPerRun must be at least 1.");
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
            configuration.GetValue("Exports:LinkLifetime", TimeSpan.FromDays(7)),
            configuration.GetValue("Exports:MaxDownloads", 3),
            configuration.GetValue("Exports:CutTimeout", TimeSpan.FromHours(1)),
            configuration.GetValue("Exports:RequiredApprovals", 1),
            configuration.GetValue("Exports:StuckProcessingAfter", TimeSpan.FromMinutes(30)));
        if (settings.LinkLifetime <= TimeSpan.Zero || settings.MaxDownloads < 1 || settings.CutTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Exports:LinkLifetime and Exports:CutTimeout must be positive, Exports:MaxDownloads at least 1.");
        }
        if (settings.RequiredApprovals is not (1 or 2))
        {
            throw new InvalidOperationException("Exports:RequiredApprovals is 1 or 2.");
        }
        if (settings.StuckProcessingAfter < TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException("Exports:StuckProcessingAfter must be at least a minute.");
        }
        return settings;
    }
}
