using BodyCam.Evidence.Domain.Exports;

namespace BodyCam.Evidence.Features.Exports;

/// <summary><see cref="Reason"/> is why it failed, once Failed; otherwise the approver's or denier's reason.</summary>
public sealed record ClipRequestView(
    Guid Id,
    Guid EvidenceId,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    double StartSeconds,
    double EndSeconds,
    string Purpose,
    bool Accurate,
    string Status,
    int Progress,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Reason,
    Guid? ExportId)
{
    public static ClipRequestView Of(ClipRequest request) => new(
        request.Id, request.EvidenceId, request.RequestedBy, request.RequestedAt, request.StartSeconds, request.EndSeconds, request.Purpose,
        request.Accurate, request.Status.ToString(), request.Progress, request.DecidedBy, request.DecidedAt,
        request.Status == ClipRequestStatus.Failed ? request.FailureReason : request.DecisionReason, request.ExportId);
}
