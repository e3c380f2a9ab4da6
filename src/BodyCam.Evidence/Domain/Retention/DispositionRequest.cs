namespace BodyCam.Evidence.Domain.Retention;

public enum DispositionRequestStatus
{
    Pending,
    Approved,
    Withdrawn,
}

/// <summary>
/// One custodian asks to destroy an item; a different custodian approves. Approval starts the soft-delete window;
/// a restore within it withdraws the request.
/// </summary>
public sealed class DispositionRequest
{
    private DispositionRequest()
    {
    }

    public Guid Id { get; private init; }
    public Guid EvidenceId { get; private init; }
    public required string Reason { get; init; }
    public required string RequestedBy { get; init; }
    public DateTimeOffset RequestedAt { get; private init; }
    public DispositionRequestStatus Status { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? WithdrawnBy { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawReason { get; private set; }

    public static DispositionRequest Ask(Guid evidenceId, string reason, string requestedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EvidenceId = evidenceId,
        Reason = reason,
        RequestedBy = requestedBy,
        RequestedAt = now,
        Status = DispositionRequestStatus.Pending,
    };

    public void Approve(string approvedBy, DateTimeOffset now)
    {
        Status = DispositionRequestStatus.Approved;
        ApprovedBy = approvedBy;
        ApprovedAt = now;
    }

    public void Withdraw(string withdrawnBy, string reason, DateTimeOffset now)
    {
        Status = DispositionRequestStatus.Withdrawn;
        WithdrawnBy = withdrawnBy;
        WithdrawnAt = now;
        WithdrawReason = reason;
    }
}
