using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Disposition;

internal sealed class ApproveDispositionEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/disposition-requests/{requestId:guid}/approve", async Task<Ok<DispositionRequestView>> (Guid requestId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ApproveDisposition(requestId), ct)))
            .WithName(nameof(ApproveDisposition))
            .WithTags("Retention")
            .WithSummary("Approves another custodian's disposition request: the item is soft-deleted until the purge (Custodian).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
