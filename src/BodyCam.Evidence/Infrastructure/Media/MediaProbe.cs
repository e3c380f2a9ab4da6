using BodyCam.Evidence.Domain.Evidence;

namespace BodyCam.Evidence.Infrastructure.Media;

public abstract record MediaProbeResult
{
    public sealed record Readable(MediaFacts Facts, bool PosterWritten) : MediaProbeResult;

    /// <summary>The media itself is at fault, so probing it again gives the same answer.</summary>
    public sealed record Unreadable(string Reason) : MediaProbeResult;
}

public interface IMediaProbe
{
    /// <summary>
    /// Reads the media's technical facts and, when it has a video stream, writes a poster JPEG to <paramref name="posterPath"/>.
    /// Throws only for failures of the machine (a missing tool, a missing media file, cancellation), which a retry may cure.
    /// </summary>
    Task<MediaProbeResult> ProbeAsync(string mediaPath, string posterPath, CancellationToken cancellationToken);
}
