using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Docks;

internal sealed class RegisterDockEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/docks", async Task<Created<RegisteredDock>> (RegisterDock command, IMediator mediator, CancellationToken ct) =>
            {
                var dock = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/docks/{dock.DockId}", dock);
            })
            .WithName(nameof(RegisterDock))
            .WithTags("Docks")
            .WithSummary("Registers a docking station and returns its API key, once.")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
