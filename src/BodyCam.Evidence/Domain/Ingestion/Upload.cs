using BodyCam.Evidence.Domain.Evidence;

namespace BodyCam.Evidence.Domain.Ingestion;

public enum UploadStatus
{
    Receiving,
    Completed,
    Terminated,
    Expired,
}

/// <summary>
/// A recording on its way in. The row is the commit point of the upload: <see cref="Offset"/>,
/// <see cref="BlockCount"/> and <see cref="HashState"/> advance together, in one write, only after the blocks
/// they count are durably staged. A crash between staging a block and that write leaves the row describing
/// the earlier blocks, and the block staged meanwhile is simply staged again.
/// </summary>
public sealed class Upload
{
    private Upload()
    {
    }

    public required string Id { get; init; }
    public Guid DockId { get; private init; }
    public Guid EvidenceId { get; private init; }
    public Guid? RecordingId { get; private init; }
    public required string BlobName { get; init; }
    public required RecordingFacts Recording { get; init; }
    public string? MetadataHeader { get; private init; }
    public long? Length { get; private set; }
    public long Offset { get; private set; }
    public int BlockCount { get; private set; }
    public byte[] HashState { get; private init; } = [];
    public UploadStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public bool IsComplete => Length is { } length && Offset == length;

    /// <summary>
    /// Content a body worn system itself rejected is kept under a prefix of its own, apart from evidence it vouches for.
    /// The running hash starts from <paramref name="emptyHashState"/>: the saved state of a SHA-256 that has read nothing.
    /// </summary>
    public static Upload Begin(
        Guid dockId, RecordingFacts recording, string? metadataHeader, long? length, byte[] emptyHashState, DateTimeOffset now, TimeSpan expiry,
        Guid? recordingId = null, bool rejectedContent = false)
    {
        var evidenceId = Guid.CreateVersion7(now);
        return new Upload
        {
            Id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            DockId = dockId,
            EvidenceId = evidenceId,
            RecordingId = recordingId,
            BlobName = $"{(rejectedContent ? "rejected" : "evidence")}/{evidenceId:N}",
            Recording = recording,
            MetadataHeader = metadataHeader,
            Length = length,
            HashState = emptyHashState,
            Status = UploadStatus.Receiving,
            CreatedAt = now,
            ExpiresAt = now + expiry,
        };
    }

    public void DeclareLength(long length) => Length = length;

    public void Complete(DateTimeOffset now)
    {
        Status = UploadStatus.Completed;
        CompletedAt = now;
    }

    public void Terminate() => Status = UploadStatus.Terminated;

    public void Expire() => Status = UploadStatus.Expired;
}
