using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Categories;

internal sealed class CreateCategoryEndpoint : IEndpoint
{
    public sealed record NewCategoryBody(string Name, int? RetentionDays = null, bool? Active = null);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/categories", async Task<Created<CategoryView>> (NewCategoryBody body, IMediator mediator, CancellationToken ct) =>
            {
                var category = await mediator.Send(new CreateCategory(body.Name ?? "", body.RetentionDays, body.Active ?? true), ct);
                return TypedResults.Created($"/api/categories/{category.Id}", category);
            })
            .WithName(nameof(CreateCategory))
            .WithTags("Categories")
            .WithSummary("Adds a category under an id made from its name (Admin).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
