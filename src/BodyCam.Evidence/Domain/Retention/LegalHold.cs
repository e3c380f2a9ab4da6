namespace BodyCam.Evidence.Domain.Retention;

/// <summary>
/// An order to keep evidence whatever its retention says. It covers the listed items, every item linked to
/// <see cref="CaseNumber"/>, and every recording of <see cref="OfficerId"/> made within [<see cref="From"/>,
/// <see cref="To"/>], for as long as it is not released; what it covers is decided when asked, so an item linked to
/// the case later is held too.
/// </summary>
public sealed class LegalHold
{
    private LegalHold()
    {
    }

    public Guid Id { get; private init; }
    public required string Reason { get; init; }
    public required string Matter { get; init; }
    public string? CaseNumber { get; private init; }
    public string? OfficerId { get; private init; }
    public DateTimeOffset? From { get; private init; }
    public DateTimeOffset? To { get; private init; }
    public required string PlacedBy { get; init; }
    public DateTimeOffset PlacedAt { get; private init; }
    public string? ReleasedBy { get; private set; }
    public DateTimeOffset? ReleasedAt { get; private set; }
    public string? ReleaseReason { get; private set; }

    public bool Active => ReleasedAt is null;

    public static LegalHold Place(
        string reason, string matter, string? caseNumber, string? officerId, DateTimeOffset? from, DateTimeOffset? to, string placedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Reason = reason,
        Matter = matter,
        CaseNumber = caseNumber,
        OfficerId = officerId,
        From = from,
        To = to,
        PlacedBy = placedBy,
        PlacedAt = now,
    };

    public void Release(string reason, string releasedBy, DateTimeOffset now)
    {
        ReleaseReason = reason;
        ReleasedBy = releasedBy;
        ReleasedAt = now;
    }
}

/// <summary>An item a hold names explicitly.</summary>
public sealed class LegalHoldItem
{
    private LegalHoldItem()
    {
    }

    public Guid HoldId { get; private init; }
    public Guid EvidenceId { get; private init; }

    public static LegalHoldItem Of(Guid holdId, Guid evidenceId) => new() { HoldId = holdId, EvidenceId = evidenceId };
}
