using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BodyCam.Evidence.Infrastructure.Text;

namespace BodyCam.Evidence.Features.Ingestion;

/// <summary>
/// The facts a recording arrives with, in the ingestion core's words: the names its refusals give each fact, as
/// the JSON API names them, and what a valid value is. Each protocol adapter reads its own wire format into
/// these facts and names a refused fact as its protocol does.
/// </summary>
public static partial class RecordingMetadata
{
    public const string Length = "length";
    public const string FileName = "fileName";
    public const string ContentType = "contentType";
    public const string DeviceSerial = "deviceSerial";
    public const string OfficerId = "officerId";
    public const string RecordedStart = "recordedStart";
    public const string RecordedEnd = "recordedEnd";
    public const string DeclaredSha256 = "declaredSha256";
    public const string Category = "category";

    public const string DefaultContentType = "application/octet-stream";

    /// <summary>The facts a sender may be made to give, besides the file name, which is always required.</summary>
    public static readonly IReadOnlyList<string> Requirable = [DeviceSerial, OfficerId, RecordedStart, RecordedEnd];

    /// <summary>A file's own name: no folders, not only dots or spaces, and text by <see cref="FreeText"/>.</summary>
    public static bool IsPlainFileName(string? name) =>
        name is { Length: > 0 and <= 255 } && name.Trim(' ', '.').Length > 0 && !name.Any(c => c is '/' or '\\') && FreeText.IsAllowed(name);

    public static bool IsIdentifier(string? value) => value is not null && Identifier().IsMatch(value);

    public static bool IsMediaType(string? value) => value is null || MediaType().IsMatch(value);

    public static bool IsSha256Hex(string? value) => value is null || Sha256Hex().IsMatch(value);

    /// <summary>ISO 8601 with an explicit UTC designator: a recording's time must not depend on a server's zone.</summary>
    public static bool TryParseUtc(string? value, out DateTimeOffset time)
    {
        time = default;
        return value is not null
            && (value.EndsWith('Z') || value.EndsWith("+00:00", StringComparison.Ordinal))
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    /// <summary>What a sender said besides the facts the core reads, kept as sent with the evidence item.</summary>
    public static string? KeptAsSent(IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var kept = metadata.ToDictionary(pair => pair.Key, pair => pair.Value);
        return kept.Count == 0 ? null : JsonSerializer.Serialize(kept);
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}$")]
    private static partial Regex MediaType();

    [GeneratedRegex("^[0-9A-Fa-f]{64}$")]
    private static partial Regex Sha256Hex();
}
