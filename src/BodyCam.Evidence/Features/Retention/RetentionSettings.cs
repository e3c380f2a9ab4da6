using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Features.Retention;

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
