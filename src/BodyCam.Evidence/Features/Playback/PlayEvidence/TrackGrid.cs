using System.Globalization;
using System.Text.Json;
using BodyCam.Evidence.Features.Evidence;

namespace BodyCam.Evidence.Features.Playback;

/// <summary>
/// A GNSS track drawn without a map: its positions scaled into an SVG box (longitude shrunk by the cosine of the
/// latitude, so distances east and north keep their proportion) over a grid whose spacing is given in metres.
/// </summary>
public sealed record TrackGrid(string Points, IReadOnlyList<double> GridLines, double GridMetres, (double X, double Y) Start, (double X, double Y) End)
{
    public const double Size = 400;
    private const double Margin = 20;
    private const double MetresPerDegree = 111_320;
    private static readonly int[] GridSteps = [1, 2, 5, 10];

    public static TrackGrid? Of(GnssTrackFeature? track)
    {
        if (Positions(track) is not [_, ..] positions)
        {
            return null;
        }
        var latitude = positions.Average(p => p.Latitude);
        var east = Math.Cos(latitude * Math.PI / 180) * MetresPerDegree;
        var metres = positions.Select(p => (X: p.Longitude * east, Y: p.Latitude * MetresPerDegree)).ToList();
        var (minX, minY) = (metres.Min(p => p.X), metres.Min(p => p.Y));
        var extent = Math.Max(1, Math.Max(metres.Max(p => p.X) - minX, metres.Max(p => p.Y) - minY));
        var scale = (Size - 2 * Margin) / extent;
        var drawn = metres.Select(p => (X: Margin + (p.X - minX) * scale, Y: Size - Margin - (p.Y - minY) * scale)).ToList();
        var spacing = GridSpacing(extent);
        var lines = Enumerable.Range(0, (int)(Size / (spacing * scale)) + 1).Select(i => Margin + i * spacing * scale).Where(at => at <= Size).ToList();
        return new TrackGrid(string.Join(' ', drawn.Select(p => Number(p.X) + "," + Number(p.Y))), lines, spacing, drawn[0], drawn[^1]);
    }

    /// <summary>The track as [latitude, longitude] pairs, the order Leaflet takes.</summary>
    public static string LatLngs(GnssTrackFeature? track) =>
        JsonSerializer.Serialize(Positions(track).Select(p => new[] { p.Latitude, p.Longitude }));

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static List<(double Longitude, double Latitude)> Positions(GnssTrackFeature? track) => track?.Geometry.Coordinates switch
    {
        double[] point => [(point[0], point[1])],
        IEnumerable<double[]> line => [.. line.Select(p => (p[0], p[1]))],
        _ => [],
    };

    /// <summary>1, 2 or 5 times a power of ten metres, so that about four to ten grid squares span the track.</summary>
    private static double GridSpacing(double extentMetres)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(extentMetres / 4)));
        return GridSteps.Select(step => step * power).First(step => extentMetres / step <= 10);
    }
}
