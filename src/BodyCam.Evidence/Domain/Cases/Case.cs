namespace BodyCam.Evidence.Domain.Cases;

public enum CaseStatus
{
    Open,
    Closed,
}

/// <summary>
/// A matter the agency tracks under its own number. Evidence linked to an open case is never disposed,
/// whatever its retention says.
/// </summary>
public sealed class Case
{
    private Case()
    {
    }

    public required string CaseNumber { get; init; }
    public string Title { get; private set; } = "";
    public CaseStatus Status { get; private set; }
    public DateTimeOffset OpenedAt { get; private init; }
    public required string OpenedBy { get; init; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Case Open(string caseNumber, string title, string openedBy, DateTimeOffset now) => new()
    {
        CaseNumber = caseNumber,
        Title = title,
        Status = CaseStatus.Open,
        OpenedAt = now,
        OpenedBy = openedBy,
        UpdatedAt = now,
    };

    public void Describe(string title, CaseStatus status, DateTimeOffset now)
    {
        Title = title;
        if (status != Status)
        {
            ClosedAt = status == CaseStatus.Closed ? now : null;
        }
        Status = status;
        UpdatedAt = now;
    }
}

/// <summary>An evidence item belongs to a case from <see cref="LinkedAt"/> until the link is removed.</summary>
public sealed class CaseLink
{
    private CaseLink()
    {
    }

    public Guid EvidenceId { get; private init; }
    public required string CaseNumber { get; init; }
    public DateTimeOffset LinkedAt { get; private init; }
    public required string LinkedBy { get; init; }

    public static CaseLink Link(Guid evidenceId, string caseNumber, string linkedBy, DateTimeOffset now) => new()
    {
        EvidenceId = evidenceId,
        CaseNumber = caseNumber,
        LinkedAt = now,
        LinkedBy = linkedBy,
    };
}
