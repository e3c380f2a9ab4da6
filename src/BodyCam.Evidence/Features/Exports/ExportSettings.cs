using BodyCam.Evidence.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Features.Exports;

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
