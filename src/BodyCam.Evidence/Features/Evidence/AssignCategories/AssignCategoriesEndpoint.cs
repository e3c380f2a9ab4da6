using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Evidence;

internal sealed class AssignCategoriesEndpoint : IEndpoint
{
    public sealed record CategoriesBody(IReadOnlyList<string> Categories);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPut("/api/evidence/{evidenceId:guid}/categories", async Task<Ok<ItemCategoriesView>> (
                    Guid evidenceId, CategoriesBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new AssignCategories(evidenceId, body.Categories), ct)))
            .WithName(nameof(AssignCategories))
            .WithTags("Evidence")
            .WithSummary("Replaces the item's categories (its officer, the unit's supervisor, a custodian).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
