using BodyCam.Evidence.Domain.Retention;

namespace BodyCam.Evidence.Features.LegalHolds;

public sealed record LegalHoldView(
    Guid Id,
    string Matter,
    string Reason,
    IReadOnlyList<Guid> EvidenceIds,
    string? CaseNumber,
    string? OfficerId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string PlacedBy,
    DateTimeOffset PlacedAt,
    bool Active,
    string? ReleasedBy,
    DateTimeOffset? ReleasedAt,
    string? ReleaseReason,
    int ItemsCovered)
{
    public static LegalHoldView Of(LegalHold hold, IReadOnlyList<Guid> named, int itemsCovered) => new(
        hold.Id, hold.Matter, hold.Reason, named, hold.CaseNumber, hold.OfficerId, hold.From, hold.To, hold.PlacedBy, hold.PlacedAt,
        hold.Active, hold.ReleasedBy, hold.ReleasedAt, hold.ReleaseReason, itemsCovered);
}
