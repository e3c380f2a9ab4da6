using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Ledger;

internal sealed class GetConsistencyProofEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/ledger/proofs/consistency", async Task<Ok<ConsistencyProof>> (long from, long to, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetConsistencyProof(from, to), ct)))
            .WithName(nameof(GetConsistencyProof))
            .WithTags("Ledger")
            .WithSummary("RFC 9162 consistency proof between the trees of the first from and to entries (hashes base64).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
