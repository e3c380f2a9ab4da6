namespace BodyCam.Evidence.Domain.Oversight;

public enum FootageRequestStatus
{
    Received,
    ItemsFound,
    NoneFound,
    Released,
    Refused,
}

/// <summary>
/// An oversight board asks for the footage of an incident, by what it knows of it — a case, a complaint, an officer,
/// a time window, a place — not by evidence ids it cannot know. A supervisor or custodian attaches the matching items
/// or records that none exist, then releases the items to the board or refuses. The request is answered once the
/// board has its answer (none found, released or refused): <see cref="AnsweredAt"/> is that first answer and is
/// never moved; <see cref="DueAt"/> is fixed when it is received. A transparency report counts requests received,
/// answered and overdue, and the days to answer, from these columns.
/// </summary>
public sealed class FootageRequest
{
    private FootageRequest()
    {
    }

    public Guid Id { get; private init; }
    public required string RequestedBy { get; init; }
    public DateTimeOffset ReceivedAt { get; private init; }
    public DateTimeOffset DueAt { get; private init; }
    public string? CaseNumber { get; private init; }
    public string? ComplaintReference { get; private init; }
    public string? OfficerId { get; private init; }
    public DateTimeOffset? From { get; private init; }
    public DateTimeOffset? To { get; private init; }
    public double? Latitude { get; private init; }
    public double? Longitude { get; private init; }
    public double? RadiusMetres { get; private init; }
    public required string Description { get; init; }
    public required string Purpose { get; init; }
    public FootageRequestStatus Status { get; private set; }
    public string? AnsweredBy { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>A board awaits an answer while the request is received or its items are found but not yet released.</summary>
    public static bool IsOpen(FootageRequestStatus status) => status is FootageRequestStatus.Received or FootageRequestStatus.ItemsFound;

    public bool Open => IsOpen(Status);

    public bool HasPlace => Latitude is not null && Longitude is not null && RadiusMetres is not null;

    public bool IsOverdue(DateTimeOffset now) => Open && now >= DueAt;

    public static FootageRequest Receive(
        string requestedBy, string? caseNumber, string? complaintReference, string? officerId, DateTimeOffset? from, DateTimeOffset? to,
        double? latitude, double? longitude, double? radiusMetres, string description, string purpose, DateTimeOffset now, DateTimeOffset dueAt) => new()
    {
        Id = Guid.CreateVersion7(now),
        RequestedBy = requestedBy,
        ReceivedAt = now,
        DueAt = dueAt,
        CaseNumber = caseNumber,
        ComplaintReference = complaintReference,
        OfficerId = officerId,
        From = from,
        To = to,
        Latitude = latitude,
        Longitude = longitude,
        RadiusMetres = radiusMetres,
        Description = description,
        Purpose = purpose,
        Status = FootageRequestStatus.Received,
    };

    /// <summary>Whether a step to <paramref name="next"/> may follow the current status.</summary>
    public bool Allows(FootageRequestStatus next) => Allows(Status, next);

    /// <summary>Whether a step to <paramref name="next"/> may follow <paramref name="current"/>.</summary>
    public static bool Allows(FootageRequestStatus current, FootageRequestStatus next) => (current, next) switch
    {
        (FootageRequestStatus.Received or FootageRequestStatus.ItemsFound, FootageRequestStatus.ItemsFound) => true,
        (FootageRequestStatus.Received, FootageRequestStatus.NoneFound) => true,
        (FootageRequestStatus.ItemsFound, FootageRequestStatus.Released) => true,
        (FootageRequestStatus.Received or FootageRequestStatus.ItemsFound or FootageRequestStatus.NoneFound, FootageRequestStatus.Refused) => true,
        _ => false,
    };

    /// <summary>Moves to <paramref name="next"/>, which the current status must allow; an answer to the board is kept as the first answer.</summary>
    public void Move(FootageRequestStatus next, string by, DateTimeOffset now)
    {
        if (!Allows(next))
        {
            throw new InvalidOperationException($"A footage request {Status} cannot become {next}.");
        }
        Status = next;
        if (!IsOpen(next) && AnsweredAt is null)
        {
            AnsweredBy = by;
            AnsweredAt = now;
        }
    }
}

/// <summary>An evidence item attached to a footage request; <see cref="ClipRequestId"/> is the clip request it was released as.</summary>
public sealed class FootageRequestItem
{
    private FootageRequestItem()
    {
    }

    public Guid FootageRequestId { get; private init; }
    public Guid EvidenceId { get; private init; }
    public required string AttachedBy { get; init; }
    public DateTimeOffset AttachedAt { get; private init; }
    public Guid? ClipRequestId { get; private set; }

    public static FootageRequestItem Attach(Guid footageRequestId, Guid evidenceId, string attachedBy, DateTimeOffset now) => new()
    {
        FootageRequestId = footageRequestId,
        EvidenceId = evidenceId,
        AttachedBy = attachedBy,
        AttachedAt = now,
    };

    public void ReleaseAs(Guid clipRequestId) => ClipRequestId = clipRequestId;
}

/// <summary>One step of a footage request, as its timeline shows it: the status it reached, who took it, when and why.</summary>
public sealed class FootageRequestStep
{
    private FootageRequestStep()
    {
    }

    public Guid Id { get; private init; }
    public Guid FootageRequestId { get; private init; }
    public FootageRequestStatus Status { get; private init; }
    public required string By { get; init; }
    public DateTimeOffset At { get; private init; }
    public string? Note { get; private init; }

    public static FootageRequestStep Of(FootageRequest request, string by, DateTimeOffset now, string? note) => new()
    {
        Id = Guid.CreateVersion7(now),
        FootageRequestId = request.Id,
        Status = request.Status,
        By = by,
        At = now,
        Note = note,
    };
}
