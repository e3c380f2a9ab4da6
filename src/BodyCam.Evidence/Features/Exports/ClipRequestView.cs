using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Verification.Exports;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>
/// <see cref="Reason"/> is why it failed, once Failed; otherwise the reason of the decision that ended it.
/// <see cref="Approvals"/> lists every approval so far: one of two while the request is still Requested.
/// <see cref="StartSeconds"/>–<see cref="EndSeconds"/> is null for a request by bookmark until an approval takes the
/// bookmark's range, except to a reviewer, who sees what an approval would take. <see cref="Impediment"/>, shown to
/// reviewers only while the request waits, says why it cannot be approved as the item stands; null when it can.
/// </summary>
public sealed record ClipRequestView(
    Guid Id,
    Guid EvidenceId,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    double? StartSeconds,
    double? EndSeconds,
    Guid? BookmarkId,
    double? BeforeSeconds,
    double? AfterSeconds,
    string Purpose,
    bool Accurate,
    string? Watermark,
    string Status,
    int Progress,
    IReadOnlyList<ClipApproval> Approvals,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Reason,
    string? Impediment,
    Guid? ExportId)
{
    /// <summary>The request as its board sees it; <paramref name="facts"/> are given for a reviewer while it waits.</summary>
    public static ClipRequestView Of(ClipRequest request, ClipFacts? facts = null)
    {
        var range = request.HasRange ? new ClipRange(request.StartSeconds, request.EndSeconds) : facts?.Range;
        return new(
            request.Id, request.EvidenceId, request.RequestedBy, request.RequestedAt, range?.StartSeconds, range?.EndSeconds, request.BookmarkId,
            request.BeforeSeconds, request.AfterSeconds, request.Purpose, request.Accurate, request.Watermark, request.Status.ToString(), request.Progress,
            request.Approvals(), request.DecidedBy, request.DecidedAt,
            request.Status == ClipRequestStatus.Failed ? request.FailureReason : request.DecisionReason, facts?.Impediment, request.ExportId);
    }
}
