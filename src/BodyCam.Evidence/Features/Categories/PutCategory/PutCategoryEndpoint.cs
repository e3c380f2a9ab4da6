using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Categories;

internal sealed class PutCategoryEndpoint : IEndpoint
{
    public sealed record CategoryBody(string Name, int? RetentionDays = null, bool? Active = null);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPut("/api/categories/{categoryId}", async Task<Ok<CategoryView>> (string categoryId, CategoryBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new PutCategory(categoryId, body.Name ?? "", body.RetentionDays, body.Active ?? true), ct)))
            .WithName(nameof(PutCategory))
            .WithTags("Categories")
            .WithSummary("Creates or changes a category (Admin).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
