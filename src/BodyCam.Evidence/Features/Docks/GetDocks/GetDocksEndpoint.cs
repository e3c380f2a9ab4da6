using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Docks;

internal sealed class GetDocksEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/docks", async Task<Ok<IReadOnlyList<DockView>>> (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetDocks(), ct)))
            .WithName(nameof(GetDocks))
            .WithTags("Docks")
            .WithSummary("The registered docking stations, newest first, without their keys (Admin).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
