using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Exports;

internal sealed class DenyClipRequestEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/clip-requests/{requestId:guid}/deny",
                async Task<Ok<ClipRequestView>> (Guid requestId, DecisionBody body, IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(new DenyClipRequest(requestId, body.Reason ?? ""), ct)))
            .WithName(nameof(DenyClipRequest))
            .WithTags("Exports")
            .WithSummary("Denies a board's clip request, with a reason (Supervisor of the item's unit, Custodian; never the requester).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
