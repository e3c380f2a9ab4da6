using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Oversight;

internal sealed class GetFootageRequestEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/footage-requests/{requestId:guid}", async Task<Ok<FootageRequestView>> (Guid requestId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetFootageRequest(requestId), ct)))
            .WithName(nameof(GetFootageRequest))
            .WithTags("Oversight")
            .WithSummary("A footage request: its status, deadline, items (to a board, once released, with their clip requests) and timeline (the requesting board, Supervisor, Custodian, Auditor).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
