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
/// The request is kept as the board asked it, whether or not the item it names exists: the item's facts are weighed
/// by each approval. Where two approvals are required the first is kept apart (<see cref="FirstApprovedBy"/>) and the
/// request stays <see cref="ClipRequestStatus.Requested"/>; <see cref="DecidedBy"/> is always the decision that ended it.
/// </summary>
public sealed class ClipRequest
{
    public const double DefaultBeforeSeconds = 15;
    public const double DefaultAfterSeconds = 15;

    private ClipRequest()
    {
    }

    public Guid Id { get; private init; }
    public Guid EvidenceId { get; private init; }
    public required string RequestedBy { get; init; }
    public DateTimeOffset RequestedAt { get; private init; }

    /// <summary>The range to cut, in seconds of the recording: 0–0 for a request by bookmark until an approval takes the bookmark's.</summary>
    public double StartSeconds { get; private set; }

    public double EndSeconds { get; private set; }

    /// <summary>The reviewer's bookmark the range is taken from, when the board asked by bookmark.</summary>
    public Guid? BookmarkId { get; private init; }

    /// <summary>The window asked around a bookmarked moment; null for the default.</summary>
    public double? BeforeSeconds { get; private init; }

    public double? AfterSeconds { get; private init; }

    /// <summary>A request by offsets has its range from the start; one by bookmark once an approval has taken it.</summary>
    public bool HasRange => EndSeconds > StartSeconds;

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

    /// <summary>Asked either by <paramref name="range"/> or by <paramref name="bookmarkId"/>, with its window for a moment.</summary>
    public static ClipRequest Ask(Guid evidenceId, string requestedBy, ClipRange? range, Guid? bookmarkId, double? beforeSeconds, double? afterSeconds,
        string purpose, bool accurate, IReadOnlyList<ClipRedaction> redactions, string? watermark, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EvidenceId = evidenceId,
        RequestedBy = requestedBy,
        RequestedAt = now,
        StartSeconds = range?.StartSeconds ?? 0,
        EndSeconds = range?.EndSeconds ?? 0,
        BookmarkId = bookmarkId,
        BeforeSeconds = beforeSeconds,
        AfterSeconds = afterSeconds,
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

    /// <summary>The range an approval found in the item's facts: the bookmark's, for a request by bookmark.</summary>
    public void TakeRange(ClipRange range)
    {
        StartSeconds = range.StartSeconds;
        EndSeconds = range.EndSeconds;
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
