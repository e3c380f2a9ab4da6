namespace BodyCam.Evidence.Domain.Review;

/// <summary>
/// An evidence item carries a category. The id is kept as given even when the agency's list does not know it
/// (a camera may offer a category since removed); retention reads the known ones.
/// </summary>
public sealed class EvidenceCategory
{
    private EvidenceCategory()
    {
    }

    public Guid EvidenceId { get; private init; }
    public required string CategoryId { get; init; }
    public DateTimeOffset AssignedAt { get; private init; }
    public required string AssignedBy { get; init; }

    public static EvidenceCategory Assign(Guid evidenceId, string categoryId, string assignedBy, DateTimeOffset now) => new()
    {
        EvidenceId = evidenceId,
        CategoryId = categoryId,
        AssignedAt = now,
        AssignedBy = assignedBy,
    };
}
