namespace BodyCam.Evidence.Infrastructure.Pipeline;

/// <summary>Names the roles that may send a message; the authorisation behaviour refuses everyone else.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresRoleAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}
