using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.LegalHolds;

internal sealed class PlaceLegalHoldEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/legal-holds", async Task<Created<LegalHoldView>> (PlaceLegalHold command, IMediator mediator, CancellationToken ct) =>
            {
                var hold = await mediator.Send(command with { Reason = command.Reason ?? "", Matter = command.Matter ?? "" }, ct);
                return TypedResults.Created($"/api/legal-holds/{hold.Id}", hold);
            })
            .WithName(nameof(PlaceLegalHold))
            .WithTags("Retention")
            .WithSummary("Places a legal hold on named items, a case and/or an officer's recordings in a time range (Custodian).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
