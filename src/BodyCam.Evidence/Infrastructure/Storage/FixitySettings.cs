using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Infrastructure.Storage;

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
