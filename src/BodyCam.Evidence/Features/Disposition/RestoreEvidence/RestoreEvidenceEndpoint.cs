using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Disposition;

internal sealed class RestoreEvidenceEndpoint : IEndpoint
{
    public sealed record RestoreBody(string Reason);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/evidence/{evidenceId:guid}/restore", async Task<Ok<DispositionRequestView>> (Guid evidenceId, RestoreBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new RestoreEvidence(evidenceId, body.Reason ?? ""), ct)))
            .WithName(nameof(RestoreEvidence))
            .WithTags("Retention")
            .WithSummary("Restores a soft-deleted item (or withdraws a pending request) before the purge (Custodian).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
}
