using BodyCam.Evidence.Infrastructure.Identity;
using Mediator;

namespace BodyCam.Evidence.Features.Identity;

/// <summary>Who the server takes the caller to be: lets a person or a dock check its credentials.</summary>
public sealed record GetCurrentActor : IQuery<CurrentActorDescription>;

public sealed record CurrentActorDescription(string Id, string Kind, string? Role, string? Unit);

internal sealed class GetCurrentActorHandler(ICurrentActor caller) : IQueryHandler<GetCurrentActor, CurrentActorDescription>
{
    public ValueTask<CurrentActorDescription> Handle(GetCurrentActor query, CancellationToken cancellationToken)
    {
        var actor = caller.Actor;
        return ValueTask.FromResult(new CurrentActorDescription(actor.Id, actor.Kind.ToString(), actor.Role, caller.Unit));
    }
}
