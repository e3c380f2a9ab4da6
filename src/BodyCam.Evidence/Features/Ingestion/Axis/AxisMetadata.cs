using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Infrastructure.Text;
using Microsoft.AspNetCore.Http;

namespace BodyCam.Evidence.Features.Ingestion.Axis;

/// <summary>
/// Swift metadata headers (<c>X-Container-Meta-Key</c>, <c>X-Object-Meta-Key</c>). Axis sends keys with only
/// the first letter upper case ("Bwcserialnumber") and values URL-encoded UTF-8; keys the spec defines are
/// kept under its spelling, others as sent, and every value decoded.
/// </summary>
public static class AxisMetadata
{
    public const string ContainerPrefix = "X-Container-Meta-";
    public const string ObjectPrefix = "X-Object-Meta-";

    /// <summary>Swift's own limits on metadata (constraints middleware defaults).</summary>
    private const int MaxCount = 90;
    private const int MaxNameLength = 128;
    private const int MaxValueLength = 4096;

    private static readonly Dictionary<string, string> SpecKeys = new[]
    {
        "ContainerName", "BWCSerialNumber", "SCUSerialNumber", "FirmwareVersion", "UserID", "TriggerOn", "TriggerOff", "TriggerOnTime",
        "TriggerOnTimeISO", "TriggerOnLocation", "TriggerOffTime", "TriggerOffTimeISO", "TriggerOffLocation", "StartTime", "StartTimeISO",
        "StopTime", "StopTimeISO", "TimeZone", "BWCModel", "Status", "ContainerType", "StartLocation", "StopLocation", "FileType",
        "CategoryID", "CategoryName", "Tags", "EndTime", "ConnectionId", "SystemName", "Active", "Name", "Model",
        "RejectedContentOriginalContainer", "RejectedContentTime", "RejectedContentReason",
    }.ToDictionary(key => key, StringComparer.OrdinalIgnoreCase);

    public static Dictionary<string, string> Read(HttpRequest request, string prefix)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (header, values) in request.Headers)
        {
            if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || header.Length == prefix.Length)
            {
                continue;
            }
            var sent = header[prefix.Length..];
            var value = Decode(header, values.ToString());
            if (sent.Length > MaxNameLength || value.Length > MaxValueLength)
            {
                throw new InvalidHeaderException(header, $"Metadata names may have at most {MaxNameLength} characters and values {MaxValueLength}.");
            }
            metadata[SpecKeys.GetValueOrDefault(sent, sent)] = value;
        }
        return metadata.Count > MaxCount
            ? throw new InvalidHeaderException(prefix + "*", $"At most {MaxCount} metadata headers may be sent.")
            : metadata;
    }

    /// <summary>Sets metadata headers on a HEAD answer, encoded as they are received.</summary>
    public static void Write(HttpResponse response, string prefix, IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var (key, value) in metadata)
        {
            response.Headers[prefix + key] = Uri.EscapeDataString(value);
        }
    }

    private static string Decode(string header, string value)
    {
        try
        {
            var decoded = Uri.UnescapeDataString(value);
            return FreeText.Refusal(decoded) is { } refusal ? throw new InvalidHeaderException(header, refusal) : decoded;
        }
        catch (UriFormatException)
        {
            throw new InvalidHeaderException(header, "The value is not URL-encoded UTF-8.");
        }
    }
}
