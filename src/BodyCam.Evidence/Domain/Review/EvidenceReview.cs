namespace BodyCam.Evidence.Domain.Review;

public enum ReviewOutcome
{
    NoConcern,
    PolicyConcern,
    TrainingNeeded,
    Referred,
    Commendation,
}

/// <summary>A supervisor watched an item and recorded what they concluded. An item may be reviewed more than once.</summary>
public sealed class EvidenceReview
{
    private EvidenceReview()
    {
    }

    public Guid Id { get; private init; }
    public Guid EvidenceId { get; private init; }
    public ReviewOutcome Outcome { get; private init; }
    public string? Comment { get; private init; }
    public required string Reviewer { get; init; }
    public DateTimeOffset ReviewedAt { get; private init; }

    public static EvidenceReview Record(Guid evidenceId, ReviewOutcome outcome, string? comment, string reviewer, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EvidenceId = evidenceId,
        Outcome = outcome,
        Comment = comment,
        Reviewer = reviewer,
        ReviewedAt = now,
    };
}
