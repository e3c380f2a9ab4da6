using BodyCam.Evidence.Domain.Retention;

namespace BodyCam.Evidence.Features.Disposition;

public sealed record DispositionRequestView(
    Guid Id,
    Guid EvidenceId,
    string Status,
    string Reason,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? PurgeAfter)
{
    public static DispositionRequestView Of(DispositionRequest request, DateTimeOffset? purgeAfter = null) => new(
        request.Id, request.EvidenceId, request.Status.ToString(), request.Reason, request.RequestedBy, request.RequestedAt,
        request.ApprovedBy, request.ApprovedAt, purgeAfter);
}
