using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Text;

namespace BodyCam.Evidence.Features.Ingestion;

/// <summary>
/// The facts a recording arrives with, as key/value metadata: the same keys whichever protocol carried them.
/// Keys other than these are kept as sent.
/// </summary>
public static partial class RecordingMetadata
{
    public const string FileName = "filename";
    public const string ContentType = "contentType";
    public const string DeviceSerial = "deviceSerial";
    public const string OfficerId = "officerId";
    public const string RecordedStart = "recordedStart";
    public const string RecordedEnd = "recordedEnd";
    public const string Sha256 = "sha256";
    public const string Category = "category";

    private const string DefaultContentType = "application/octet-stream";

    private static readonly HashSet<string> KnownKeys = [FileName, ContentType, DeviceSerial, OfficerId, RecordedStart, RecordedEnd, Sha256, Category];

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

    /// <summary>The facts a sender may be made to give, besides the file name, which is always required.</summary>
    public static readonly IReadOnlyList<string> Requirable = [DeviceSerial, OfficerId, RecordedStart, RecordedEnd];

    private static DateTimeOffset? ParseUtc(string? value) => value switch
    {
        null => null,
        _ when TryParseUtc(value, out var time) => time.ToUniversalTime(),
        _ => throw new FormatException($"'{value}' is not an ISO 8601 UTC time."),
    };

    /// <summary>Reads metadata that the validator has accepted.</summary>
    public static RecordingFacts ToFacts(IReadOnlyDictionary<string, string> metadata)
    {
        var extra = metadata.Where(pair => !KnownKeys.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value);
        return new RecordingFacts(
            metadata[FileName],
            metadata.GetValueOrDefault(ContentType) ?? DefaultContentType,
            metadata.GetValueOrDefault(DeviceSerial),
            metadata.GetValueOrDefault(OfficerId),
            ParseUtc(metadata.GetValueOrDefault(RecordedStart)),
            ParseUtc(metadata.GetValueOrDefault(RecordedEnd)),
            metadata.GetValueOrDefault(Sha256)?.ToLowerInvariant(),
            metadata.GetValueOrDefault(Category),
            extra.Count == 0 ? null : JsonSerializer.Serialize(extra));
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}$")]
    private static partial Regex MediaType();

    [GeneratedRegex("^[0-9A-Fa-f]{64}$")]
    private static partial Regex Sha256Hex();
}
