using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Compliance;

internal sealed class GetUncategorisedItemsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/compliance/uncategorised", async Task<Ok<UncategorisedReport>> (
                    [AsParameters] GetUncategorisedItems query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .WithName(nameof(GetUncategorisedItems))
            .WithTags("Compliance")
            .WithSummary("Items without a category of the agency's list: count and share per unit and officer, and the oldest of them.")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
