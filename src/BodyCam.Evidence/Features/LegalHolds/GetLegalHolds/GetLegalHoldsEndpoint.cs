using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.LegalHolds;

internal sealed class GetLegalHoldsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/legal-holds", async Task<Ok<IReadOnlyList<LegalHoldView>>> (bool? active, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetLegalHolds(active ?? false), ct)))
            .WithName(nameof(GetLegalHolds))
            .WithTags("Retention")
            .WithSummary("Legal holds, newest first; ?active=true for those in force (Custodian, Auditor).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
