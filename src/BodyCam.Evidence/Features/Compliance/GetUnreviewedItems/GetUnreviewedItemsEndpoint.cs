using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Compliance;

internal sealed class GetUnreviewedItemsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/compliance/unreviewed", async Task<Ok<UnreviewedReport>> (
                    [AsParameters] GetUnreviewedItems query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .WithName(nameof(GetUnreviewedItems))
            .WithTags("Compliance")
            .WithSummary("Items in a use-of-force category that no supervisor has reviewed: count per unit and the oldest of them.")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
