using System.Reflection;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using Mediator;

namespace BodyCam.Evidence.Infrastructure.Pipeline;

/// <summary>
/// Refuses a message whose <see cref="RequiresRoleAttribute"/> the caller does not meet. The refusal is a
/// custody event of its own, committed at once: no transaction is open yet, and none will be.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentActor caller, EvidenceDb db)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly IReadOnlyList<string>? RequiredRoles = typeof(TMessage).GetCustomAttribute<RequiresRoleAttribute>()?.Roles;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (RequiredRoles is { } roles && !roles.Any(caller.IsInRole))
        {
            var required = string.Join(" or ", roles);
            throw await db.RefuseAsync(
                caller.Actor, $"{typeof(TMessage).Name} requires {required}", $"{typeof(TMessage).Name} requires the role {required}.", null, cancellationToken);
        }
        return await next(message, cancellationToken);
    }
}
