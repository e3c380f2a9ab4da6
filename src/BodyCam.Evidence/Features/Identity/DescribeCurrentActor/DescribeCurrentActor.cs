using BodyCam.Evidence.Infrastructure.Identity;
using Mediator;

namespace BodyCam.Evidence.Features.Identity.DescribeCurrentActor;

/// <summary>Who the server takes the caller to be: lets a person or a dock check its credentials.</summary>
public sealed record DescribeCurrentActor : IQuery<CurrentActorDescription>;

public sealed record CurrentActorDescription(string Id, string Kind, string? Role, string? Unit);

internal sealed class DescribeCurrentActorHandler(ICurrentActor caller) : IQueryHandler<DescribeCurrentActor, CurrentActorDescription>
{
    public ValueTask<CurrentActorDescription> Handle(DescribeCurrentActor query, CancellationToken cancellationToken)
    {
        var actor = caller.Actor;
        return ValueTask.FromResult(new CurrentActorDescription(actor.Id, actor.Kind.ToString(), actor.Role, caller.Unit));
    }
}
