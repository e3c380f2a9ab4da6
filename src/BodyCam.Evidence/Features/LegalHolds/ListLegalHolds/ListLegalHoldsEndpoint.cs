using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.LegalHolds.ListLegalHolds;

internal sealed class ListLegalHoldsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/legal-holds", async Task<Ok<IReadOnlyList<LegalHoldView>>> (bool? active, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListLegalHolds(active ?? false), ct)))
            .WithName(nameof(ListLegalHolds))
            .WithTags("Retention")
            .WithSummary("Legal holds, newest first; ?active=true for those in force (Custodian, Auditor).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
