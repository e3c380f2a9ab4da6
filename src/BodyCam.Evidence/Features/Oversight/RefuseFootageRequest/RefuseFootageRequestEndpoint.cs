using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Oversight;

internal sealed class RefuseFootageRequestEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/footage-requests/{requestId:guid}/refuse",
                async Task<Ok<FootageRequestView>> (Guid requestId, FootageReasonBody body, IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(new RefuseFootageRequest(requestId, body.Reason ?? ""), ct)))
            .WithName(nameof(RefuseFootageRequest))
            .WithTags("Oversight")
            .WithSummary("Refuses a footage request, with the reason the board sees (Supervisor, Custodian).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
