using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Evidence;

internal sealed class GetEvidenceItemEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/evidence/{evidenceId:guid}", async Task<Ok<EvidenceItemDetails>> (Guid evidenceId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetEvidenceItem(evidenceId), ct)))
            .WithName(nameof(GetEvidenceItem))
            .WithTags("Evidence")
            .WithSummary("An evidence item: status, hashes, recording facts and media facts.")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
