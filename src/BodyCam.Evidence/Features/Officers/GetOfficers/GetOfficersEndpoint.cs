using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Officers;

internal sealed class GetOfficersEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/officers", async Task<Ok<IReadOnlyList<OfficerListing>>> (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetOfficers(), ct)))
            .WithName(nameof(GetOfficers))
            .WithTags("Officers")
            .WithSummary("The officers and their current units (Admin).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
