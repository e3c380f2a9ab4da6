using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Exports;

internal sealed class ApproveClipRequestEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/clip-requests/{requestId:guid}/approve",
                async Task<Ok<ClipRequestView>> (Guid requestId, DecisionBody body, IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(new ApproveClipRequest(requestId, body.Reason ?? ""), ct)))
            .WithName(nameof(ApproveClipRequest))
            .WithTags("Exports")
            .WithSummary("Approves a board's clip request: the clip is cut and packaged (Supervisor of the item's unit, Custodian; never the requester).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
