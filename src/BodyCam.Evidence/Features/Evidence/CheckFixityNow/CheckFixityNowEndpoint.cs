using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Evidence;

internal sealed class CheckFixityNowEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/evidence/{evidenceId:guid}/fixity-check", async Task<Ok<FixityCheckResult>> (Guid evidenceId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new CheckFixityNow(evidenceId), ct)))
            .WithName(nameof(CheckFixityNow))
            .WithTags("Evidence")
            .WithSummary("Re-hashes the item's stored bytes now, as the scheduled fixity check does; a changed or missing blob quarantines the item (Custodian).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
