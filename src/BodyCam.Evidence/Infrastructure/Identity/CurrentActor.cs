using System.Security.Claims;
using BodyCam.Evidence.Domain.Custody;
using Microsoft.AspNetCore.Http;

namespace BodyCam.Evidence.Infrastructure.Identity;

public interface ICurrentActor
{
    Actor Actor { get; }
    bool IsInRole(string role);
    string? Unit { get; }
}

internal sealed class HttpCurrentActor(IHttpContextAccessor http) : ICurrentActor
{
    public Actor Actor => FromHttpContext(http.HttpContext);

    public string? Unit => http.HttpContext?.User.FindFirstValue(EvidenceClaims.Unit);

    public bool IsInRole(string role) => http.HttpContext?.User.IsInRole(role) ?? false;

    /// <summary>Outside a request the caller is the system itself: a job or a command-line tool.</summary>
    internal static Actor FromHttpContext(HttpContext? context)
    {
        if (context is null)
        {
            return Actor.System("bodycam");
        }
        var user = context.User;
        var clientIp = context.Connection.RemoteIpAddress?.ToString();
        var subject = user.FindFirstValue(EvidenceClaims.Subject);
        if (user.Identity?.IsAuthenticated != true || subject is null)
        {
            return new Actor("anonymous", ActorKind.Anonymous, null, clientIp);
        }
        var role = user.FindFirstValue(EvidenceClaims.Role);
        return new Actor(subject, role == Roles.Dock ? ActorKind.Dock : ActorKind.User, role, clientIp);
    }
}
