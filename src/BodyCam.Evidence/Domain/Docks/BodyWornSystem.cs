namespace BodyCam.Evidence.Domain.Docks;

/// <summary>
/// An Axis body worn system that uploads through a dock principal. Its id binds the system to this server:
/// the system reads it back to be sure it still talks to the same content destination.
/// </summary>
public sealed class BodyWornSystem
{
    private BodyWornSystem()
    {
    }

    public Guid SystemId { get; private init; }
    public Guid DockId { get; private init; }
    public string? ConnectionId { get; private set; }
    public string? Name { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static BodyWornSystem Register(Guid systemId, Guid dockId) => new() { SystemId = systemId, DockId = dockId };

    public void Describe(string? connectionId, string? name, DateTimeOffset now)
    {
        ConnectionId = connectionId ?? ConnectionId;
        Name = name ?? Name;
        UpdatedAt = now;
    }
}
