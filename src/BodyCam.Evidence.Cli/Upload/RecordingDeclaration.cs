using System.Globalization;
using System.Text;

namespace BodyCam.Evidence.Cli.Upload;

/// <summary>What the dock declares about each recording, sent as tus Upload-Metadata when the upload is created.</summary>
internal sealed record RecordingDeclaration(
    string DeviceSerial, string OfficerId, string? Category, DateTimeOffset? RecordedStart, DateTimeOffset? RecordedEnd)
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".mp4"] = "video/mp4",
        [".mov"] = "video/quicktime",
        [".mkv"] = "video/x-matroska",
        [".json"] = "application/json",
        [".wav"] = "audio/wav",
    };

    /// <summary>tus creation extension: comma-separated "key base64(value)" pairs.</summary>
    public string ToUploadMetadata(FileInfo recording, string sha256)
    {
        var pairs = new List<(string Key, string Value)>
        {
            ("filename", recording.Name),
            ("contentType", ContentTypes.GetValueOrDefault(recording.Extension, "application/octet-stream")),
            ("deviceSerial", DeviceSerial),
            ("officerId", OfficerId),
            ("recordedStart", Iso8601Utc(RecordedStart ?? recording.LastWriteTimeUtc)),
            ("recordedEnd", Iso8601Utc(RecordedEnd ?? recording.LastWriteTimeUtc)),
            ("sha256", sha256),
        };
        if (Category is not null)
        {
            pairs.Add(("category", Category));
        }
        return string.Join(',', pairs.Select(pair => $"{pair.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(pair.Value))}"));
    }

    private static string Iso8601Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
