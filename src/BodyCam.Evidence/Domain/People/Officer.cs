namespace BodyCam.Evidence.Domain.People;

/// <summary>
/// A person who wears a camera. <see cref="OfficerId"/> is the agency's id for them, the one recordings carry;
/// <see cref="AxisUserId"/> is the Axis body worn system's internal UUID for the same person, when a system
/// controller registered them, and <see cref="DockId"/> the dock of that system, the only one that may change
/// them or file recordings under them.
/// </summary>
public sealed class Officer
{
    private Officer()
    {
    }

    public required string OfficerId { get; init; }
    public string Name { get; private set; } = "";
    public bool Active { get; private set; }
    public string? Unit { get; private set; }
    public Guid? AxisUserId { get; private init; }
    public Guid? DockId { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Officer FromAxisUser(string officerId, Guid axisUserId, Guid dockId, string name, bool active, DateTimeOffset now) => new()
    {
        OfficerId = officerId,
        AxisUserId = axisUserId,
        DockId = dockId,
        Name = name,
        Active = active,
        UpdatedAt = now,
    };

    public static Officer Create(string officerId, DateTimeOffset now) => new() { OfficerId = officerId, Active = true, UpdatedAt = now };

    /// <summary>
    /// Gives an officer no dock owns (one registered before each system's registry was its own, whom the custody log
    /// does not attribute to a dock) to the dock whose system now registers them. An owned officer is never moved.
    /// </summary>
    public void ClaimFor(Guid dockId)
    {
        if (DockId is not null)
        {
            throw new InvalidOperationException($"Officer {OfficerId} already belongs to dock {DockId}.");
        }
        DockId = dockId;
    }

    public void AssignUnit(string? unit, DateTimeOffset now)
    {
        Unit = unit;
        UpdatedAt = now;
    }

    public void Describe(string name, bool active, DateTimeOffset now)
    {
        Name = name;
        Active = active;
        UpdatedAt = now;
    }
}
