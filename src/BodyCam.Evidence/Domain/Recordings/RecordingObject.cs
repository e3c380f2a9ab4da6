using System.Text.Json;

namespace BodyCam.Evidence.Domain.Recordings;

public enum RecordingObjectKind
{
    /// <summary>A file of the recording's video, whose bytes are an evidence item; stored and shown as "Clip" (<see cref="RecordingObjectKinds"/>).</summary>
    Segment,
    EncryptionKey,
    GnssTrack,
    Bookmark,
    Other,
}

/// <summary>
/// The name a kind is stored and shown under. A segment was first called a clip, and rows, API answers and custody
/// events already written say "Clip"; the name is kept so that they keep meaning what they meant.
/// </summary>
public static class RecordingObjectKinds
{
    private const string SegmentName = "Clip";

    public static string Name(RecordingObjectKind kind) => kind == RecordingObjectKind.Segment ? SegmentName : kind.ToString();

    public static RecordingObjectKind Parse(string name) => name == SegmentName ? RecordingObjectKind.Segment : Enum.Parse<RecordingObjectKind>(name);
}

/// <summary>
/// One object a body worn system stored in a recording, exactly as received: a segment (whose bytes are an
/// evidence item), or a key, GNSS track, bookmark or anything else, kept in the blob store with its hash.
/// </summary>
public sealed class RecordingObject
{
    private RecordingObject()
    {
    }

    public Guid Id { get; private init; }
    public Guid RecordingId { get; private init; }
    public required string Name { get; init; }
    public RecordingObjectKind Kind { get; private init; }
    public Guid? EvidenceId { get; private init; }
    public string? BlobName { get; private init; }
    public long Bytes { get; private init; }
    public required string Sha256 { get; init; }
    public string MetadataJson { get; private set; } = "{}";
    public DateTimeOffset StoredAt { get; private init; }

    public IReadOnlyDictionary<string, string> Metadata =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(MetadataJson) ?? [];

    public static Guid NewId(DateTimeOffset now) => Guid.CreateVersion7(now);

    public static RecordingObject Segment(Guid recordingId, string name, Guid evidenceId, long bytes, string sha256, IReadOnlyDictionary<string, string> metadata, DateTimeOffset now) =>
        new()
        {
            Id = NewId(now),
            RecordingId = recordingId,
            Name = name,
            Kind = RecordingObjectKind.Segment,
            EvidenceId = evidenceId,
            Bytes = bytes,
            Sha256 = sha256,
            MetadataJson = JsonSerializer.Serialize(metadata),
            StoredAt = now,
        };

    public static RecordingObject Attachment(
        Guid id, Guid recordingId, string name, RecordingObjectKind kind, string blobName, long bytes, string sha256,
        IReadOnlyDictionary<string, string> metadata, DateTimeOffset now) =>
        new()
        {
            Id = id,
            RecordingId = recordingId,
            Name = name,
            Kind = kind,
            BlobName = blobName,
            Bytes = bytes,
            Sha256 = sha256,
            MetadataJson = JsonSerializer.Serialize(metadata),
            StoredAt = now,
        };

    /// <summary>A Swift POST to an object replaces all of its metadata.</summary>
    public void ReplaceMetadata(IReadOnlyDictionary<string, string> metadata) => MetadataJson = JsonSerializer.Serialize(metadata);
}
