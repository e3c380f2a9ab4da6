using BodyCam.Evidence.Verification.Exports;

namespace BodyCam.Evidence.Domain.Exports;

public enum ClipRequestStatus
{
    Requested,
    Approved,
    Denied,
    Processing,
    Ready,
    Failed,
}

/// <summary>
/// An oversight board asks for a clip of one evidence item; a supervisor of the item's unit or a custodian decides;
/// an approved request is cut and packaged by a job. <see cref="RequestedBy"/> is the board: the subject of its token.
/// Where two approvals are required the first is kept apart (<see cref="FirstApprovedBy"/>) and the request stays
/// <see cref="ClipRequestStatus.Requested"/>; <see cref="DecidedBy"/> is always the decision that ended it.
/// </summary>
public sealed class ClipRequest
{
    private ClipRequest()
    {
    }

    public Guid Id { get; private init; }
    public Guid EvidenceId { get; private init; }
    public required string RequestedBy { get; init; }
    public DateTimeOffset RequestedAt { get; private init; }
    public double StartSeconds { get; private init; }
    public double EndSeconds { get; private init; }

    /// <summary>The reviewer's bookmark the range was taken from, when the board asked by bookmark.</summary>
    public Guid? BookmarkId { get; private init; }

    public required string Purpose { get; init; }
    public bool Accurate { get; private init; }

    /// <summary>Redactions force a frame-accurate re-encode: a copied packet cannot be blurred or muted.</summary>
    public IReadOnlyList<ClipRedaction> Redactions { get; private init; } = [];

    /// <summary>The text drawn over the clip, naming its recipient; null for none. It too forces a re-encode.</summary>
    public string? Watermark { get; private init; }

    public ClipRequestStatus Status { get; private set; }

    /// <summary>Percent done, 0–100, while the job cuts and packages.</summary>
    public int Progress { get; private set; }

    public string? FirstApprovedBy { get; private set; }
    public DateTimeOffset? FirstApprovedAt { get; private set; }
    public string? FirstApprovalReason { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionReason { get; private set; }
    public string? FailureReason { get; private set; }
    public int Attempts { get; private set; }

    /// <summary>When the current attempt began; reconciliation looks for attempts that began long ago.</summary>
    public DateTimeOffset? ProcessingStartedAt { get; private set; }

    /// <summary>The Hangfire job that cuts it, as far as the database knows: the last one started or re-enqueued.</summary>
    public string? JobId { get; private set; }

    public Guid? ExportId { get; private set; }

    public static ClipRequest Ask(Guid evidenceId, string requestedBy, ClipRange range, Guid? bookmarkId, string purpose, bool accurate,
        IReadOnlyList<ClipRedaction> redactions, string? watermark, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EvidenceId = evidenceId,
        RequestedBy = requestedBy,
        RequestedAt = now,
        StartSeconds = range.StartSeconds,
        EndSeconds = range.EndSeconds,
        BookmarkId = bookmarkId,
        Purpose = purpose,
        Accurate = accurate || redactions.Count > 0 || watermark is not null,
        Redactions = redactions,
        Watermark = watermark,
        Status = ClipRequestStatus.Requested,
    };

    /// <summary>The approvals given so far, in order.</summary>
    public IReadOnlyList<ClipApproval> Approvals()
    {
        var approvals = new List<ClipApproval>();
        if (FirstApprovedBy is not null)
        {
            approvals.Add(new ClipApproval(FirstApprovedBy, FirstApprovedAt!.Value, FirstApprovalReason!));
        }
        if (DecidedBy is not null && Status != ClipRequestStatus.Denied)
        {
            approvals.Add(new ClipApproval(DecidedBy, DecidedAt!.Value, DecisionReason!));
        }
        return approvals;
    }

    /// <summary>The first of two approvals: nothing is cut until a second person approves too.</summary>
    public void ApproveFirst(string approvedBy, string reason, DateTimeOffset now)
    {
        FirstApprovedBy = approvedBy;
        FirstApprovedAt = now;
        FirstApprovalReason = reason;
    }

    public void Decide(bool approved, string decidedBy, string reason, DateTimeOffset now)
    {
        Status = approved ? ClipRequestStatus.Approved : ClipRequestStatus.Denied;
        DecidedBy = decidedBy;
        DecidedAt = now;
        DecisionReason = reason;
    }

    /// <summary>The job has taken it on, once more; returns which attempt this is.</summary>
    public int BeginAttempt(string? jobId, DateTimeOffset now)
    {
        Status = ClipRequestStatus.Processing;
        Progress = 0;
        FailureReason = null;
        ProcessingStartedAt = now;
        JobId = jobId;
        return ++Attempts;
    }

    public void ReportProgress(int percent) => Progress = Math.Clamp(percent, 0, 100);

    public void Complete(Guid exportId)
    {
        Status = ClipRequestStatus.Ready;
        Progress = 100;
        ExportId = exportId;
    }

    public void Fail(string reason)
    {
        Status = ClipRequestStatus.Failed;
        FailureReason = reason;
    }
}
