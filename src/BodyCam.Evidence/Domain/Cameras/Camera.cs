namespace BodyCam.Evidence.Domain.Cameras;

/// <summary>
/// A body-worn camera, known by its serial number, registered by the Axis body worn system behind
/// <see cref="DockId"/>: only that dock may describe it again or file recordings from it.
/// </summary>
public sealed class Camera
{
    private Camera()
    {
    }

    public required string Serial { get; init; }
    public Guid? DockId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Model { get; private set; }
    public bool Active { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Camera Register(string serial, Guid dockId, DateTimeOffset now) => new() { Serial = serial, DockId = dockId, UpdatedAt = now };

    /// <summary>
    /// Gives a camera no dock owns (one registered before each system's registry was its own, which the custody log
    /// does not attribute to a dock) to the dock whose system now registers it. An owned camera is never moved.
    /// </summary>
    public void ClaimFor(Guid dockId)
    {
        if (DockId is not null)
        {
            throw new InvalidOperationException($"Camera {Serial} already belongs to dock {DockId}.");
        }
        DockId = dockId;
    }

    public void Describe(string name, string? model, bool active, DateTimeOffset now)
    {
        Name = name;
        Model = model;
        Active = active;
        UpdatedAt = now;
    }
}
