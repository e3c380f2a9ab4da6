using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;

namespace BodyCam.Evidence.Cli;

/// <summary>
/// An operator at the server's console, who can already read its database and keys: the machine account stands in
/// for a signed-in Admin, and is what the custody log records.
/// </summary>
internal sealed class ConsoleOperator : ICurrentActor
{
    public Actor Actor { get; } = new("cli:" + Environment.UserName, ActorKind.User, Roles.Admin, null);

    public string? Unit => null;

    public bool IsInRole(string role) => role == Roles.Admin;
}
