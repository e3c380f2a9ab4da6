using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Infrastructure.Text;

namespace BodyCam.Evidence.Features.Ingestion.Tus;

/// <summary>
/// Upload-Metadata read into a recording's facts. A malformed header, a value that is not text by the one rule or a
/// time that cannot be read is refused here, keyed by the metadata key the sender used; keys other than these are kept
/// as sent. The core's refusals of the facts are renamed by <see cref="Names"/> to the keys and headers they came from.
/// </summary>
public static class TusMetadata
{
    public const string FileName = "filename";
    public const string Sha256 = "sha256";

    private const int MaxHeaderLength = 8192;

    /// <summary>The core's name of a fact and the tus name a sender knows it by, where the two differ.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [RecordingMetadata.Length] = TusHeaders.UploadLength,
        [RecordingMetadata.FileName] = FileName,
        [RecordingMetadata.DeclaredSha256] = Sha256,
    };

    private static readonly HashSet<string> FactKeys =
    [
        FileName, RecordingMetadata.ContentType, RecordingMetadata.DeviceSerial, RecordingMetadata.OfficerId,
        RecordingMetadata.RecordedStart, RecordingMetadata.RecordedEnd, Sha256, RecordingMetadata.Category,
    ];

    public static RecordingFacts Read(string? header, EvidenceSettings settings)
    {
        if (header?.Length > MaxHeaderLength)
        {
            throw RequestValidationException.For(
                TusHeaders.UploadMetadata, $"The length of '{TusHeaders.UploadMetadata}' must be {MaxHeaderLength} characters or fewer. You entered {header.Length} characters.");
        }
        var metadata = TusHeaders.Metadata(header);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            if (FreeText.Refusal(key) is { } keyRefusal)
            {
                errors[TusHeaders.UploadMetadata] = [.. errors.GetValueOrDefault(TusHeaders.UploadMetadata, []), $"A key is refused: {keyRefusal}"];
            }
            else if (FreeText.Refusal(value) is { } refusal)
            {
                errors[key] = [refusal];
            }
        }
        var start = Time(metadata, RecordingMetadata.RecordedStart, settings, errors);
        var end = Time(metadata, RecordingMetadata.RecordedEnd, settings, errors);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
        return new RecordingFacts(
            metadata.GetValueOrDefault(FileName) ?? "",
            metadata.GetValueOrDefault(RecordingMetadata.ContentType) ?? RecordingMetadata.DefaultContentType,
            metadata.GetValueOrDefault(RecordingMetadata.DeviceSerial),
            metadata.GetValueOrDefault(RecordingMetadata.OfficerId),
            start,
            end,
            metadata.GetValueOrDefault(Sha256)?.ToLowerInvariant(),
            metadata.GetValueOrDefault(RecordingMetadata.Category),
            RecordingMetadata.KeptAsSent(metadata.Where(pair => !FactKeys.Contains(pair.Key))));
    }

    private static DateTimeOffset? Time(Dictionary<string, string> metadata, string key, EvidenceSettings settings, Dictionary<string, string[]> errors)
    {
        if (metadata.GetValueOrDefault(key) is not { } sent || errors.ContainsKey(key))
        {
            return null;
        }
        if (RecordingMetadata.TryParseUtc(sent, out var time))
        {
            return time.ToUniversalTime();
        }
        errors[key] = [BeginUploadValidator.Describe(settings.Ingestion.RequiredMetadata, key, BeginUploadValidator.UtcTime)];
        return null;
    }
}
