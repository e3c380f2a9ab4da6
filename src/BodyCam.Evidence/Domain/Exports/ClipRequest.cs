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
    public required string Purpose { get; init; }
    public bool Accurate { get; private init; }
    public ClipRequestStatus Status { get; private set; }

    /// <summary>Percent done, 0–100, while the job cuts and packages.</summary>
    public int Progress { get; private set; }

    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionReason { get; private set; }
    public string? FailureReason { get; private set; }
    public int Attempts { get; private set; }
    public Guid? ExportId { get; private set; }

    public static ClipRequest Ask(Guid evidenceId, string requestedBy, double startSeconds, double endSeconds, string purpose, bool accurate, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EvidenceId = evidenceId,
        RequestedBy = requestedBy,
        RequestedAt = now,
        StartSeconds = startSeconds,
        EndSeconds = endSeconds,
        Purpose = purpose,
        Accurate = accurate,
        Status = ClipRequestStatus.Requested,
    };

    public void Decide(bool approved, string decidedBy, string reason, DateTimeOffset now)
    {
        Status = approved ? ClipRequestStatus.Approved : ClipRequestStatus.Denied;
        DecidedBy = decidedBy;
        DecidedAt = now;
        DecisionReason = reason;
    }

    /// <summary>The job has taken it on, once more; returns which attempt this is.</summary>
    public int BeginAttempt()
    {
        Status = ClipRequestStatus.Processing;
        Progress = 0;
        FailureReason = null;
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
