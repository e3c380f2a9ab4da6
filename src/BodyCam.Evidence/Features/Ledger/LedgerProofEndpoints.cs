using BodyCam.Evidence.Features.Ledger.GetConsistencyProof;
using BodyCam.Evidence.Features.Ledger.GetInclusionProof;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Ledger;

public static class LedgerProofEndpoints
{
    public static void MapLedgerProofs(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/ledger/proofs/inclusion", async Task<Ok<InclusionProof>> (long index, long treeSize, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetInclusionProof.GetInclusionProof(index, treeSize), ct)))
            .WithName(nameof(GetInclusionProof))
            .WithTags("Ledger")
            .WithSummary("RFC 9162 inclusion proof of an entry in the tree of the first treeSize entries (hashes base64).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        routes.MapGet("/api/ledger/proofs/consistency", async Task<Ok<ConsistencyProof>> (long from, long to, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetConsistencyProof.GetConsistencyProof(from, to), ct)))
            .WithName(nameof(GetConsistencyProof))
            .WithTags("Ledger")
            .WithSummary("RFC 9162 consistency proof between the trees of the first from and to entries (hashes base64).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
