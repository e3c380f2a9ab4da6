using System.Text.Json;

namespace BodyCam.Evidence.Cli.Upload;

/// <summary>
/// Kept next to the recording as &lt;recording&gt;.bodycam-upload.json, so that a later run resumes the same tus
/// upload instead of sending the recording twice.
/// </summary>
internal sealed record UploadState(Uri UploadUrl, long Size, DateTime LastWriteTimeUtc, string Sha256, bool Completed, string UploadId)
{
    public const string FileSuffix = ".bodycam-upload.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public bool Describes(FileInfo recording) =>
        Size == recording.Length && LastWriteTimeUtc == recording.LastWriteTimeUtc;

    /// <summary>An unreadable state (a run killed while writing it) only costs the resume, so it counts as none.</summary>
    public static async Task<UploadState?> LoadAsync(FileInfo recording, CancellationToken cancellationToken)
    {
        var path = recording.FullName + FileSuffix;
        if (!File.Exists(path))
        {
            return null;
        }
        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<UploadState>(stream, Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task SaveAsync(FileInfo recording, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(recording.FullName + FileSuffix);
        await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
    }
}
