using BodyCam.Evidence.Verification.Notes;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Ledger;

internal sealed class GetCheckpointEndpoint : IEndpoint
{
    private const string PlainText = "text/plain; charset=utf-8";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/ledger/checkpoint", async Task<ContentHttpResult> (IMediator mediator, CancellationToken ct) =>
                TypedResults.Text((await mediator.Send(new GetCheckpoint(), ct)).Note, PlainText))
            .WithName(nameof(GetCheckpoint))
            .WithTags("Ledger")
            .WithSummary("The newest checkpoint of the custody log that met the witness quorum (C2SP tlog-checkpoint in a signed note: the log's signature line, then the witnesses' cosignature lines). Public.")
            .AllowAnonymous()
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/api/ledger/key", (NoteSigner signer) => TypedResults.Text(signer.VerifierKey + "\n", PlainText))
            .WithName("GetLedgerVerifierKey")
            .WithTags("Ledger")
            .WithSummary("The checkpoint verifier key in signed-note form: name+keyID+base64(0x01 ‖ Ed25519 public key). Public.")
            .AllowAnonymous()
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
    }
}
