using BodyCam.Evidence.Features.Recordings;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>
/// A GNSS track as one RFC 7946 GeoJSON Feature: a LineString of [longitude, latitude] positions (a Point when the
/// track has one), with each position's time in <c>coordTimes</c> (the property name GPX and KML converters use)
/// and its offset into the recording in <c>secondsFromStart</c>, index for index.
/// </summary>
public sealed record GnssTrackFeature(string Type, GeoJsonGeometry Geometry, GnssTrackProperties Properties)
{
    public static GnssTrackFeature? Of(IReadOnlyList<TrackPoint> points) => points switch
    {
        [] => null,
        [var only] => Feature(new GeoJsonGeometry("Point", Position(only)), points),
        _ => Feature(new GeoJsonGeometry("LineString", points.Select(Position).ToList()), points),
    };

    private static GnssTrackFeature Feature(GeoJsonGeometry geometry, IReadOnlyList<TrackPoint> points) => new(
        "Feature", geometry, new GnssTrackProperties([.. points.Select(p => p.Timestamp)], [.. points.Select(p => p.SecondsFromStart)]));

    private static double[] Position(TrackPoint point) => [point.Longitude, point.Latitude];
}

/// <summary><see cref="Coordinates"/> is a position for a Point and a list of positions for a LineString.</summary>
public sealed record GeoJsonGeometry(string Type, object Coordinates);

public sealed record GnssTrackProperties(IReadOnlyList<DateTimeOffset?> CoordTimes, IReadOnlyList<double?> SecondsFromStart);
