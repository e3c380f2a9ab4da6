using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Exports;

internal sealed class GetClipRequestEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/clip-requests/{requestId:guid}", async Task<Ok<ClipRequestView>> (Guid requestId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetClipRequest(requestId), ct)))
            .WithName(nameof(GetClipRequest))
            .WithTags("Exports")
            .WithSummary("A clip request: its status, progress, reason, and export once Ready (the requesting board, Supervisor of the unit, Custodian, Auditor).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
