namespace BodyCam.Evidence.Domain.People;

/// <summary>
/// From <see cref="From"/> on, the officer belonged to <see cref="Unit"/> (none when null), until the next
/// assignment. Kept whole so that a recording is scoped by the unit of its officer at recording time.
/// </summary>
public sealed class UnitAssignment
{
    private UnitAssignment()
    {
    }

    public Guid Id { get; private init; }
    public required string OfficerId { get; init; }
    public string? Unit { get; private init; }
    public DateTimeOffset From { get; private init; }
    public DateTimeOffset RecordedAt { get; private init; }
    public required string RecordedBy { get; init; }

    public static UnitAssignment Assign(string officerId, string? unit, DateTimeOffset from, DateTimeOffset now, string recordedBy) => new()
    {
        Id = Guid.CreateVersion7(now),
        OfficerId = officerId,
        Unit = unit,
        From = from,
        RecordedAt = now,
        RecordedBy = recordedBy,
    };
}
