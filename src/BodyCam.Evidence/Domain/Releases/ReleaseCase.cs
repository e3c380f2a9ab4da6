namespace BodyCam.Evidence.Domain.Releases;

public enum ReleaseCaseStatus
{
    Open,
    Approved,
    Published,
}

/// <summary>
/// Footage of one incident to be released to the public under a <see cref="ReleaseRule"/>. The clock starts on
/// <see cref="ClockStartedOn"/> (the incident's or the complaint's day, in the agency's time zone); the case is due on
/// <see cref="DueOn"/>, which extensions move, never past <see cref="LatestDueOn"/>. <see cref="OriginalDueOn"/>,
/// <see cref="ExtensionCount"/> and <see cref="PublishedOn"/> are kept as columns so that reports count cases released
/// on time and extended without replaying the timeline. One custodian approves; another publishes.
/// </summary>
public sealed class ReleaseCase
{
    private ReleaseCase()
    {
    }

    public Guid Id { get; private init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string RuleName { get; init; }
    public DateTimeOffset IncidentAt { get; private init; }
    public DateTimeOffset? ComplaintAt { get; private init; }
    public DateOnly ClockStartedOn { get; private init; }
    public required string OpenedBy { get; init; }
    public DateTimeOffset OpenedAt { get; private init; }
    public DateOnly OriginalDueOn { get; private init; }
    public DateOnly DueOn { get; private set; }
    public DateOnly LatestDueOn { get; private init; }
    public int ExtensionCount { get; private set; }
    public ReleaseCaseStatus Status { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? ApprovalReason { get; private set; }
    public string? PublishedBy { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public DateOnly? PublishedOn { get; private set; }

    public static ReleaseCase Open(
        string title, string description, ReleaseRule rule, DateTimeOffset incidentAt, DateTimeOffset? complaintAt, TimeZoneInfo zone,
        string openedBy, DateTimeOffset now)
    {
        var startedOn = ReleaseClock.DayOf(rule.StartsAt == ReleaseClockStart.Complaint ? complaintAt!.Value : incidentAt, zone);
        return new ReleaseCase
        {
            Id = Guid.CreateVersion7(now),
            Title = title,
            Description = description,
            RuleName = rule.Name,
            IncidentAt = incidentAt,
            ComplaintAt = complaintAt,
            ClockStartedOn = startedOn,
            OpenedBy = openedBy,
            OpenedAt = now,
            OriginalDueOn = ReleaseClock.FirstDueOn(rule, startedOn),
            DueOn = ReleaseClock.FirstDueOn(rule, startedOn),
            LatestDueOn = ReleaseClock.LatestDueOn(rule, startedOn),
            Status = ReleaseCaseStatus.Open,
        };
    }

    public ReleaseExtension Extend(DateOnly dueOn, string? reason, string extendedBy, DateTimeOffset now)
    {
        var extension = ReleaseExtension.Of(this, dueOn, reason, extendedBy, now);
        DueOn = dueOn;
        ExtensionCount++;
        return extension;
    }

    public void Approve(string approvedBy, string reason, DateTimeOffset now)
    {
        Status = ReleaseCaseStatus.Approved;
        ApprovedBy = approvedBy;
        ApprovedAt = now;
        ApprovalReason = reason;
    }

    public void Publish(string publishedBy, DateTimeOffset now, TimeZoneInfo zone)
    {
        Status = ReleaseCaseStatus.Published;
        PublishedBy = publishedBy;
        PublishedAt = now;
        PublishedOn = ReleaseClock.DayOf(now, zone);
    }
}

/// <summary>An evidence item whose footage the case releases.</summary>
public sealed class ReleaseCaseItem
{
    private ReleaseCaseItem()
    {
    }

    public Guid CaseId { get; private init; }
    public Guid EvidenceId { get; private init; }

    public static ReleaseCaseItem Of(Guid caseId, Guid evidenceId) => new() { CaseId = caseId, EvidenceId = evidenceId };
}

/// <summary>One extension of a case's due day, with its reason.</summary>
public sealed class ReleaseExtension
{
    private ReleaseExtension()
    {
    }

    public Guid Id { get; private init; }
    public Guid CaseId { get; private init; }
    public DateOnly PreviousDueOn { get; private init; }
    public DateOnly DueOn { get; private init; }
    public string? Reason { get; private init; }
    public required string ExtendedBy { get; init; }
    public DateTimeOffset ExtendedAt { get; private init; }

    internal static ReleaseExtension Of(ReleaseCase releaseCase, DateOnly dueOn, string? reason, string extendedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CaseId = releaseCase.Id,
        PreviousDueOn = releaseCase.DueOn,
        DueOn = dueOn,
        Reason = reason,
        ExtendedBy = extendedBy,
        ExtendedAt = now,
    };
}

/// <summary>A redacted clip of one of the case's items: a clip request made for the case, cut by the clip pipeline.</summary>
public sealed class ReleaseClip
{
    private ReleaseClip()
    {
    }

    public Guid CaseId { get; private init; }
    public Guid ClipRequestId { get; private init; }
    public Guid EvidenceId { get; private init; }

    public static ReleaseClip Of(Guid caseId, Guid clipRequestId, Guid evidenceId) =>
        new() { CaseId = caseId, ClipRequestId = clipRequestId, EvidenceId = evidenceId };
}

/// <summary>One file of a published release's folder, as stored under <see cref="BlobName"/>.</summary>
public sealed class ReleaseFile
{
    private ReleaseFile()
    {
    }

    public Guid CaseId { get; private init; }
    public required string Name { get; init; }
    public required string BlobName { get; init; }
    public required string ContentType { get; init; }
    public long Bytes { get; private init; }
    public required string Sha256 { get; init; }

    public static ReleaseFile Of(Guid caseId, string name, string blobName, string contentType, long bytes, string sha256) =>
        new() { CaseId = caseId, Name = name, BlobName = blobName, ContentType = contentType, Bytes = bytes, Sha256 = sha256 };
}
