using BodyCam.Evidence.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Features.Ingestion;

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
