using System.Globalization;
using System.Text;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Features.Audit;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>An area in WGS 84 degrees; it never crosses the antimeridian (west ≤ east).</summary>
internal sealed record GeoBox(double West, double South, double East, double North);

/// <summary>
/// The filters of a search, parsed. An empty parameter counts as absent, as a form with an empty field sends it.
/// Times are UTC: PostgreSQL takes no other offset for a <c>timestamptz</c> parameter.
/// </summary>
internal sealed record EvidenceSearchFilter(
    string? OfficerId,
    string? Unit,
    string? DeviceSerial,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Category,
    string? CaseNumber,
    EvidenceStatus? Status,
    IReadOnlyList<string> Words,
    GeoBox? Area)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const int MaxTextLength = 200;
    public const int MaxWords = 8;

    private static readonly Dictionary<string, EvidenceStatus> Statuses =
        Enum.GetValues<EvidenceStatus>().ToDictionary(status => status.ToString(), StringComparer.OrdinalIgnoreCase);

    public static string StatusNames => string.Join(", ", Statuses.Keys);

    /// <summary>Null when a filter is malformed; the validator names which.</summary>
    public static EvidenceSearchFilter? TryParse(GetEvidenceItems search) =>
        TryParseStatus(search.Status, out var status)
        && AuditTrailFilter.TryParseInstant(search.From, out var from)
        && AuditTrailFilter.TryParseInstant(search.To, out var to)
        && TryParseText(search.Text, out var words)
        && TryParseBox(search.Bbox, out var area)
            ? new EvidenceSearchFilter(
                Given(search.OfficerId), Given(search.Unit), Given(search.DeviceSerial), from, to, Given(search.Category), Given(search.CaseNumber),
                status, words, area)
            : null;

    public static EvidenceSearchFilter Parse(GetEvidenceItems search) =>
        TryParse(search) ?? throw new InvalidOperationException("The search was not validated.");

    public static int ParseLimit(string? limit) =>
        TryParseLimit(limit, out var parsed) ? parsed : throw new InvalidOperationException("The search was not validated.");

    public static bool TryParseStatus(string? value, out EvidenceStatus? status)
    {
        status = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        if (!Statuses.TryGetValue(value, out var named))
        {
            return false;
        }
        status = named;
        return true;
    }

    /// <summary>
    /// The words of the text: runs of letters and digits, lower-cased, each once. Everything else separates words,
    /// as it does in what is searched (PostgreSQL's index splits stored text the same way), so <c>X60-000123</c>
    /// finds a file named <c>x60_000123.mp4</c>. Text without a letter or digit is refused rather than matching everything.
    /// </summary>
    public static bool TryParseText(string? value, out IReadOnlyList<string> words)
    {
        words = [];
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        if (value.Length > MaxTextLength)
        {
            return false;
        }
        var found = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in (value + " ").EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (word.Length > 0)
            {
                found.Add(word.ToString());
                word.Clear();
            }
        }
        words = [.. found.Distinct(StringComparer.Ordinal)];
        return words.Count is > 0 and <= MaxWords;
    }

    /// <summary><c>minLon,minLat,maxLon,maxLat</c>, the order of GeoJSON and OGC bounding boxes, in degrees.</summary>
    public static bool TryParseBox(string? value, out GeoBox? area)
    {
        area = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        var parts = value.Split(',');
        var degrees = new double[4];
        if (parts.Length != 4
            || parts.Select((part, i) => double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out degrees[i]) && double.IsFinite(degrees[i]))
                .Any(parsed => !parsed))
        {
            return false;
        }
        var (west, south, east, north) = (degrees[0], degrees[1], degrees[2], degrees[3]);
        if (west is < -180 or > 180 || east is < -180 or > 180 || south is < -90 or > 90 || north is < -90 or > 90 || west > east || south > north)
        {
            return false;
        }
        area = new GeoBox(west, south, east, north);
        return true;
    }

    public static bool TryParseLimit(string? value, out int parsed)
    {
        if (string.IsNullOrEmpty(value))
        {
            parsed = DefaultLimit;
            return true;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out parsed) && parsed is >= 1 and <= MaxLimit;
    }

    /// <summary>
    /// The filters in one spelling, whatever case, offset or number format the client wrote them in: what a cursor
    /// is bound to. Each value is length-prefixed, so no two searches share a spelling.
    /// </summary>
    public string ToCanonicalString()
    {
        var canonical = new StringBuilder();
        foreach (var value in new[]
                 {
                     OfficerId, Unit, DeviceSerial,
                     From?.UtcTicks.ToString(CultureInfo.InvariantCulture), To?.UtcTicks.ToString(CultureInfo.InvariantCulture),
                     Category, CaseNumber, Status?.ToString(), string.Join(' ', Words),
                     Area is { } area ? string.Create(CultureInfo.InvariantCulture, $"{area.West:R},{area.South:R},{area.East:R},{area.North:R}") : null,
                 })
        {
            canonical.Append(value is null ? "-" : $"{value.Length.ToString(CultureInfo.InvariantCulture)}:{value}").Append(';');
        }
        return canonical.ToString();
    }

    private static string? Given(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
