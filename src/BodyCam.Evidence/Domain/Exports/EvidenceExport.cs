namespace BodyCam.Evidence.Domain.Exports;

/// <summary>
/// A verifiable package made for one clip request: a zip blob the requesting board may download until
/// <see cref="ExpiresAt"/>, at most <see cref="MaxDownloads"/> times.
/// </summary>
public sealed class EvidenceExport
{
    private EvidenceExport()
    {
    }

    public Guid Id { get; private init; }
    public Guid ClipRequestId { get; private init; }
    public Guid EvidenceId { get; private init; }
    public required string Recipient { get; init; }
    public required string BlobName { get; init; }
    public long Bytes { get; private init; }
    public required string Sha256 { get; init; }
    public required string ClipSha256 { get; init; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset ExpiresAt { get; private init; }
    public int MaxDownloads { get; private init; }
    public int Downloads { get; private set; }

    public static EvidenceExport Package(
        Guid id, ClipRequest request, string blobName, long bytes, string sha256, string clipSha256, DateTimeOffset now, TimeSpan lifetime, int maxDownloads) => new()
    {
        Id = id,
        ClipRequestId = request.Id,
        EvidenceId = request.EvidenceId,
        Recipient = request.RequestedBy,
        BlobName = blobName,
        Bytes = bytes,
        Sha256 = sha256,
        ClipSha256 = clipSha256,
        CreatedAt = now,
        ExpiresAt = now + lifetime,
        MaxDownloads = maxDownloads,
    };

    /// <summary>Why the package can no longer be downloaded, or null while it can.</summary>
    public string? Unavailable(DateTimeOffset now) =>
        now >= ExpiresAt ? $"The download link expired at {ExpiresAt:O}."
        : Downloads >= MaxDownloads ? $"The package has been downloaded the {MaxDownloads} times allowed."
        : null;

    public void CountDownload() => Downloads++;
}
