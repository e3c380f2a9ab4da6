namespace BodyCam.Evidence.Domain.Recordings;

/// <summary>One position of a recording's GNSS track, WGS 84 degrees, in the order the camera logged them.</summary>
public sealed class GnssPoint
{
    private GnssPoint()
    {
    }

    public Guid RecordingId { get; private init; }
    public int Index { get; private init; }
    public double Longitude { get; private init; }
    public double Latitude { get; private init; }
    public double? SecondsFromStart { get; private init; }
    public DateTimeOffset? Timestamp { get; private init; }

    public static GnssPoint At(Guid recordingId, int index, double longitude, double latitude, double? secondsFromStart, DateTimeOffset? timestamp) => new()
    {
        RecordingId = recordingId,
        Index = index,
        Longitude = longitude,
        Latitude = latitude,
        SecondsFromStart = secondsFromStart,
        Timestamp = timestamp,
    };
}
