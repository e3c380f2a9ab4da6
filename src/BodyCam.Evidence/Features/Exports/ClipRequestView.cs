using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Verification.Exports;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>
/// <see cref="Reason"/> is why it failed, once Failed; otherwise the reason of the decision that ended it.
/// <see cref="Approvals"/> lists every approval so far: one of two while the request is still Requested.
/// </summary>
public sealed record ClipRequestView(
    Guid Id,
    Guid EvidenceId,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    double StartSeconds,
    double EndSeconds,
    Guid? BookmarkId,
    string Purpose,
    bool Accurate,
    string? Watermark,
    string Status,
    int Progress,
    IReadOnlyList<ClipApproval> Approvals,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Reason,
    Guid? ExportId)
{
    public static ClipRequestView Of(ClipRequest request) => new(
        request.Id, request.EvidenceId, request.RequestedBy, request.RequestedAt, request.StartSeconds, request.EndSeconds, request.BookmarkId, request.Purpose,
        request.Accurate, request.Watermark, request.Status.ToString(), request.Progress, request.Approvals(), request.DecidedBy, request.DecidedAt,
        request.Status == ClipRequestStatus.Failed ? request.FailureReason : request.DecisionReason, request.ExportId);
}
