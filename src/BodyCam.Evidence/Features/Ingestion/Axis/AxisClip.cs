using System.Globalization;
using BodyCam.Evidence.Features.Recordings.DescribeRecording;
using BodyCam.Evidence.Infrastructure.Problems;

namespace BodyCam.Evidence.Features.Ingestion.Axis;

/// <summary>
/// Translates a clip's Swift object into upload metadata: the recording gives officer and camera, the object
/// (or else its recording) the clip's start and stop. Every Axis key is kept as sent besides. In rejected
/// content a time that cannot be read is only kept, not translated: rejected content is never refused.
/// </summary>
public static class AxisClip
{
    /// <summary>Epoch and RFC 3339 forms of one time may differ by the fraction of a second the epoch form cannot carry.</summary>
    private static readonly TimeSpan EpochPrecision = TimeSpan.FromSeconds(1);

    private static readonly long LatestEpochSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static Dictionary<string, string> ToUploadMetadata(string objectName, IReadOnlyDictionary<string, string> metadata, RecordingDescription recording)
    {
        var upload = new Dictionary<string, string>(metadata, StringComparer.Ordinal)
        {
            [RecordingMetadata.FileName] = Path.GetFileName(objectName),
            [RecordingMetadata.ContentType] = AxisNames.ClipContentType(objectName)!,
        };
        Add(upload, RecordingMetadata.DeviceSerial, recording.DeviceSerial);
        Add(upload, RecordingMetadata.OfficerId, recording.OfficerId);
        Add(upload, RecordingMetadata.RecordedStart, Time(metadata, recording, "StartTime"));
        Add(upload, RecordingMetadata.RecordedEnd, Time(metadata, recording, "StopTime"));
        return upload;
    }

    /// <summary>
    /// The spec gives each clip time twice, as epoch seconds (<c>StartTime</c>) and as RFC 3339 (<c>StartTimeISO</c>);
    /// either is enough. When both come the RFC 3339 one is kept, as it may carry fractions of a second, and the two
    /// must name the same moment: a clip whose times contradict each other has no time to file it under.
    /// </summary>
    private static string? Time(IReadOnlyDictionary<string, string> metadata, RecordingDescription recording, string epochKey)
    {
        var isoKey = epochKey + "ISO";
        var (sent, prefix) = metadata.ContainsKey(epochKey) || metadata.ContainsKey(isoKey)
            ? (metadata, AxisMetadata.ObjectPrefix)
            : (recording.Metadata, AxisMetadata.ContainerPrefix);
        var iso = Read(prefix + isoKey, sent.GetValueOrDefault(isoKey), recording.Rejected, ParseIso,
            "An RFC 3339 UTC time such as 2024-05-01T12:00:00Z is expected.");
        var epoch = Read(prefix + epochKey, sent.GetValueOrDefault(epochKey), recording.Rejected, ParseEpoch,
            "Whole seconds since 1970-01-01T00:00:00Z (UTC) are expected.");
        if (iso is { } precise && epoch is { } whole && (precise - whole).Duration() >= EpochPrecision && !recording.Rejected)
        {
            throw new InvalidHeaderException(prefix + epochKey, string.Create(CultureInfo.InvariantCulture,
                $"'{sent[epochKey]}' is {whole:yyyy-MM-dd'T'HH:mm:ss'Z'}, not the moment {prefix + isoKey} names ('{sent[isoKey]}'); the two must agree to the second."));
        }
        return (iso ?? epoch)?.ToString("O", CultureInfo.InvariantCulture);
    }

    private static DateTimeOffset? Read(string header, string? value, bool rejected, Func<string, DateTimeOffset?> parse, string expected) => value switch
    {
        null => null,
        _ when parse(value) is { } time => time,
        _ when rejected => null,
        _ => throw new InvalidHeaderException(header, expected),
    };

    private static DateTimeOffset? ParseIso(string value) => RecordingMetadata.TryParseUtc(value, out var time) ? time.ToUniversalTime() : null;

    private static DateTimeOffset? ParseEpoch(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= LatestEpochSeconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static void Add(Dictionary<string, string> upload, string key, string? value)
    {
        if (value is not null)
        {
            upload[key] = value;
        }
    }
}
