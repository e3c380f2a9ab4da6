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
    public static Dictionary<string, string> ToUploadMetadata(string objectName, IReadOnlyDictionary<string, string> metadata, RecordingDescription recording)
    {
        var upload = new Dictionary<string, string>(metadata, StringComparer.Ordinal)
        {
            [RecordingMetadata.FileName] = Path.GetFileName(objectName),
            [RecordingMetadata.ContentType] = AxisNames.ClipContentType(objectName)!,
        };
        Add(upload, RecordingMetadata.DeviceSerial, recording.DeviceSerial);
        Add(upload, RecordingMetadata.OfficerId, recording.OfficerId);
        Add(upload, RecordingMetadata.RecordedStart, Time(metadata, recording, "StartTimeISO"));
        Add(upload, RecordingMetadata.RecordedEnd, Time(metadata, recording, "StopTimeISO"));
        return upload;
    }

    private static string? Time(IReadOnlyDictionary<string, string> metadata, RecordingDescription recording, string key)
    {
        var (value, header) = metadata.GetValueOrDefault(key) is { } own
            ? (own, AxisMetadata.ObjectPrefix + key)
            : (recording.Metadata.GetValueOrDefault(key), AxisMetadata.ContainerPrefix + key);
        return value switch
        {
            null => null,
            _ when RecordingMetadata.TryParseUtc(value, out var time) => time.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            _ when recording.Rejected => null,
            _ => throw new InvalidHeaderException(header, "An RFC 3339 UTC time such as 2024-05-01T12:00:00Z is expected."),
        };
    }

    private static void Add(Dictionary<string, string> upload, string key, string? value)
    {
        if (value is not null)
        {
            upload[key] = value;
        }
    }
}
