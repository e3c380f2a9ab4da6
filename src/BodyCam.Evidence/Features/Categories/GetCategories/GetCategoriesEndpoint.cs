using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Categories;

internal sealed class GetCategoriesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/categories", async Task<Ok<IReadOnlyList<CategoryView>>> (bool? activeOnly, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetCategories(activeOnly ?? false), ct)))
            .WithName(nameof(GetCategories))
            .WithTags("Categories")
            .WithSummary("The agency's categories.")
            .RequireAuthorization();
}
