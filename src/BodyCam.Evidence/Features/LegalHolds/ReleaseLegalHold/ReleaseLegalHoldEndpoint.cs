using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.LegalHolds;

internal sealed class ReleaseLegalHoldEndpoint : IEndpoint
{
    public sealed record ReleaseBody(string Reason);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/legal-holds/{holdId:guid}/release", async Task<Ok<LegalHoldView>> (Guid holdId, ReleaseBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ReleaseLegalHold(holdId, body.Reason ?? ""), ct)))
            .WithName(nameof(ReleaseLegalHold))
            .WithTags("Retention")
            .WithSummary("Releases a legal hold, with the reason (Custodian).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
