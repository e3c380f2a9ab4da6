namespace BodyCam.Evidence.Domain.Evidence;

/// <summary>The technical facts probing found in an item's media; each is null when the media does not say it.</summary>
public sealed record MediaFacts(
    double? DurationSeconds, string? Container, string? VideoCodec, string? AudioCodec,
    int? Width, int? Height, double? FrameRate, long? BitRate, DateTimeOffset? CreationTime);
