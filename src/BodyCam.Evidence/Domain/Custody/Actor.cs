namespace BodyCam.Evidence.Domain.Custody;

public enum ActorKind
{
    User,
    Dock,
    System,
    Anonymous,
}

/// <summary>Who did something, as the custody log records it: a person, a dock, the system itself, or an unidentified caller.</summary>
public sealed record Actor(string Id, ActorKind Kind, string? Role, string? ClientIp)
{
    public static Actor System(string component) => new(component, ActorKind.System, null, null);
}
