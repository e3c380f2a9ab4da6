using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BodyCam.Evidence.Features.Ingestion;
using BodyCam.Evidence.Infrastructure.Problems;

namespace BodyCam.Evidence.Features.Recordings;

/// <summary>
/// Reads a GNSS trail: <c>{"CoordinateEntries":[{"LocationWKT":"POINT(lon lat)","SecondsFromStart":64.0,"Timestamp":"…Z"}]}</c>.
/// WKT puts longitude first. A trail that cannot be read is refused whole, naming what is wrong, rather than kept in part.
/// </summary>
internal static partial class GnssTrail
{
    public sealed record Position(double Longitude, double Latitude, double? SecondsFromStart, DateTimeOffset? Timestamp);

    private sealed record Document(List<Entry>? CoordinateEntries);

    private sealed record Entry(string? LocationWKT, double? SecondsFromStart, string? Timestamp);

    public static async Task<IReadOnlyList<Position>> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        Document? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync<Document>(content, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException json)
        {
            throw RequestValidationException.For("CoordinateEntries", $"The GNSS trail is not the expected JSON: {json.Message}");
        }
        var entries = document?.CoordinateEntries ?? throw RequestValidationException.For("CoordinateEntries", "The GNSS trail has no CoordinateEntries array.");
        return [.. entries.Select((entry, index) => Read(entry, index))];
    }

    private static Position Read(Entry entry, int index)
    {
        var point = entry.LocationWKT is { } wkt ? WktPoint().Match(wkt) : null;
        if (point is not { Success: true }
            || !double.TryParse(point.Groups["lon"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
            || !double.TryParse(point.Groups["lat"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
            || longitude is < -180 or > 180 || latitude is < -90 or > 90)
        {
            throw RequestValidationException.For($"CoordinateEntries[{index}].LocationWKT", "POINT(longitude latitude) in degrees is expected.");
        }
        DateTimeOffset? timestamp = null;
        if (entry.Timestamp is { } text)
        {
            timestamp = RecordingMetadata.TryParseUtc(text, out var time)
                ? time.ToUniversalTime()
                : throw RequestValidationException.For($"CoordinateEntries[{index}].Timestamp", "An RFC 3339 UTC time is expected.");
        }
        return new Position(longitude, latitude, entry.SecondsFromStart, timestamp);
    }

    [GeneratedRegex(@"^\s*POINT\s*\(\s*(?<lon>[-+0-9.eE]+)\s+(?<lat>[-+0-9.eE]+)\s*\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex WktPoint();
}
