using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Evidence;

internal sealed class GetEvidenceItemsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/evidence", async Task<Ok<EvidencePage>> ([AsParameters] GetEvidenceItems search, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(search, ct)))
            .WithName(nameof(GetEvidenceItems))
            .WithTags("Evidence")
            .WithSummary("The evidence items the caller may see, filtered, newest recording first, paged by cursor.")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
