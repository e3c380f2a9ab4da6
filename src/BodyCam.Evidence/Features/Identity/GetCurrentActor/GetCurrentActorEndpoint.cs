using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Identity;

internal sealed class GetCurrentActorEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/me", async Task<Ok<CurrentActorDescription>> (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetCurrentActor(), ct)))
            .WithName(nameof(GetCurrentActor))
            .WithTags("Identity")
            .WithSummary("Describes the authenticated caller: person or dock, role and unit.")
            .RequireAuthorization();
}
