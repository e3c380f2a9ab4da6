using BodyCam.Evidence.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Features.Playback;

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
