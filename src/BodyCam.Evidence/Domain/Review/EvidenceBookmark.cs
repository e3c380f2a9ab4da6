namespace BodyCam.Evidence.Domain.Review;

/// <summary>A moment or span of an item's media a reviewer marked, in seconds from the start of the media.</summary>
public sealed class EvidenceBookmark
{
    private EvidenceBookmark()
    {
    }

    public Guid Id { get; private init; }
    public Guid EvidenceId { get; private init; }
    public double StartSeconds { get; private init; }
    public double? EndSeconds { get; private init; }
    public required string Label { get; init; }
    public string? Tags { get; private init; }
    public required string Author { get; init; }
    public DateTimeOffset CreatedAt { get; private init; }

    public static EvidenceBookmark Mark(Guid evidenceId, double startSeconds, double? endSeconds, string label, string? tags, string author, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EvidenceId = evidenceId,
        StartSeconds = startSeconds,
        EndSeconds = endSeconds,
        Label = label,
        Tags = tags,
        Author = author,
        CreatedAt = now,
    };
}
