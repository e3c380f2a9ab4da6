using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Exports;

internal sealed class GetClipRequestsEndpoint : IEndpoint
{
    public const int DefaultPageSize = 25;

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/clip-requests", async Task<Ok<ClipRequestsPage>> (int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetClipRequests(page ?? 1, pageSize ?? DefaultPageSize), ct)))
            .WithName(nameof(GetClipRequests))
            .WithTags("Exports")
            .WithSummary("The clip requests the caller may read, newest first, paged: a board its own, a Supervisor those about items of the unit, Custodian and Auditor all.")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
