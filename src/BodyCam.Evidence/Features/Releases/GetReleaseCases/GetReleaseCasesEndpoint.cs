using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Releases;

internal sealed class GetReleaseCasesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/release-cases", async Task<Ok<IReadOnlyList<ReleaseCaseRow>>> (string? deadline, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetReleaseCases(deadline), ct)))
            .WithName(nameof(GetReleaseCases))
            .WithTags("Releases")
            .WithSummary("Lists release cases soonest due first, optionally only those due, due soon or overdue (Custodian, Supervisor, Auditor, Admin).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
