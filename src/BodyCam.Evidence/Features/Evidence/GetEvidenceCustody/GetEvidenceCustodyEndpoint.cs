using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Evidence;

internal sealed class GetEvidenceCustodyEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/evidence/{evidenceId:guid}/custody", async Task<Ok<CustodyReport>> (Guid evidenceId, bool? proofs, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetEvidenceCustody(evidenceId, proofs ?? false), ct)))
            .WithName(nameof(GetEvidenceCustody))
            .WithTags("Evidence")
            .WithSummary("The item's custody events in ledger order; with proofs=true, inclusion proofs against the latest signed checkpoint.")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
