using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Disposition;

internal sealed class GetEligibleForDispositionEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/disposition/eligible", async Task<Ok<IReadOnlyList<EligibleItem>>> (int? limit, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetEligibleForDisposition(PageLimit.Of(limit)), ct)))
            .WithName(nameof(GetEligibleForDisposition))
            .WithTags("Retention")
            .WithSummary("Items past retention that nothing holds, as the last sweep found them (Custodian, Auditor).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
