using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Releases;

internal sealed class GetReleaseCaseEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/release-cases/{caseId:guid}", async Task<Ok<ReleaseCaseView>> (Guid caseId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetReleaseCase(caseId), ct)))
            .WithName(nameof(GetReleaseCase))
            .WithTags("Releases")
            .WithSummary("A release case: its due day, items, clips, timeline and, once published, its public folder (Custodian, Supervisor, Auditor, Admin).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
