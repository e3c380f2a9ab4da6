using System.Reflection;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Infrastructure.Pipeline;

/// <summary>
/// Refuses a message whose <see cref="RequiresRoleAttribute"/> the caller does not meet, or, for a message about
/// one evidence item, an item the caller may not see. The refusal is a custody event of its own, committed at
/// once: no transaction is open yet, and none will be.
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
                caller.Actor, $"{typeof(TMessage).Name} requires {required}", $"{typeof(TMessage).Name} requires the role {required}.",
                (message as IEvidenceItemMessage)?.EvidenceId, cancellationToken);
        }
        if (message is IEvidenceItemMessage about && !caller.SeesEveryItem())
        {
            var owner = await db.EvidenceItems.AsNoTracking()
                .Where(e => e.Id == about.EvidenceId)
                .Select(e => new { e.Recording.OfficerId, e.OfficerUnit })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"There is no evidence item {about.EvidenceId}.");
            if (!caller.Sees(owner.OfficerId, owner.OfficerUnit))
            {
                throw await db.RefuseAsync(
                    caller.Actor, $"{typeof(TMessage).Name} on an item outside the caller's scope",
                    "This evidence item belongs to another officer or unit.", about.EvidenceId, cancellationToken);
            }
        }
        return await next(message, cancellationToken);
    }
}
