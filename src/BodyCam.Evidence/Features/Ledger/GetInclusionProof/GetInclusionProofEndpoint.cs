using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Ledger;

internal sealed class GetInclusionProofEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/ledger/proofs/inclusion", async Task<Ok<InclusionProof>> (long index, long treeSize, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetInclusionProof(index, treeSize), ct)))
            .WithName(nameof(GetInclusionProof))
            .WithTags("Ledger")
            .WithSummary("RFC 9162 inclusion proof of an entry in the tree of the first treeSize entries (hashes base64).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
