using System.Globalization;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Features.Recordings;
using BodyCam.Evidence.Infrastructure.Problems;

namespace BodyCam.Evidence.Features.Ingestion.Axis;

/// <summary>
/// A segment, the file of a recording an Axis system sends, read into the facts of the ingestion core: the recording
/// gives officer and camera, the object (or else its recording) the segment's start and stop. Every Axis key is kept
/// as sent besides. In rejected content a time that cannot be read is only kept, not read: rejected content is never
/// refused.
/// </summary>
public static class AxisSegment
{
    /// <summary>Epoch and RFC 3339 forms of one time may differ by the fraction of a second the epoch form cannot carry.</summary>
    private static readonly TimeSpan EpochPrecision = TimeSpan.FromSeconds(1);

    private static readonly long LatestEpochSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>The core's name of a fact and the Axis field it is read from, which a refusal names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [RecordingMetadata.Length] = "Content-Length",
        [RecordingMetadata.FileName] = "object",
        [RecordingMetadata.ContentType] = "object",
        [RecordingMetadata.DeviceSerial] = "BWCSerialNumber",
        [RecordingMetadata.OfficerId] = "UserID",
        [RecordingMetadata.RecordedStart] = "StartTime",
        [RecordingMetadata.RecordedEnd] = "StopTime",
    };

    public static RecordingFacts Facts(string objectName, IReadOnlyDictionary<string, string> metadata, RecordingDescription recording) =>
        new(
            Path.GetFileName(objectName),
            AxisNames.SegmentContentType(objectName)!,
            recording.DeviceSerial,
            recording.OfficerId,
            Time(metadata, recording, "StartTime"),
            Time(metadata, recording, "StopTime"),
            DeclaredSha256: null,
            Category: null,
            RecordingMetadata.KeptAsSent(metadata));

    /// <summary>
    /// The spec gives each segment time twice, as epoch seconds (<c>StartTime</c>) and as RFC 3339 (<c>StartTimeISO</c>);
    /// either is enough. When both come the RFC 3339 one is kept, as it may carry fractions of a second, and the two
    /// must name the same moment: a segment whose times contradict each other has no time to file it under.
    /// </summary>
    private static DateTimeOffset? Time(IReadOnlyDictionary<string, string> metadata, RecordingDescription recording, string epochKey)
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
        return iso ?? epoch;
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
}
