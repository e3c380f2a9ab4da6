using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.LegalHolds;

internal sealed class GetLegalHoldEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/legal-holds/{holdId:guid}", async Task<Ok<LegalHoldView>> (Guid holdId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetLegalHold(holdId), ct)))
            .WithName(nameof(GetLegalHold))
            .WithTags("Retention")
            .WithSummary("A legal hold: its scope, who placed and released it, and how many items it covers now (Custodian, Auditor).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
