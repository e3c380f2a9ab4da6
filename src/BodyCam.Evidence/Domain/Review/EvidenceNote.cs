namespace BodyCam.Evidence.Domain.Review;

/// <summary>Free text a reviewer adds to an item. Notes are added, never edited: a correction is another note.</summary>
public sealed class EvidenceNote
{
    private EvidenceNote()
    {
    }

    public Guid Id { get; private init; }
    public Guid EvidenceId { get; private init; }
    public required string Text { get; init; }
    public required string Author { get; init; }
    public DateTimeOffset CreatedAt { get; private init; }

    public static EvidenceNote Add(Guid evidenceId, string text, string author, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EvidenceId = evidenceId,
        Text = text,
        Author = author,
        CreatedAt = now,
    };
}
