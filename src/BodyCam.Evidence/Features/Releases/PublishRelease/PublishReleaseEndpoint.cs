using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Releases;

internal sealed class PublishReleaseEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/release-cases/{caseId:guid}/publish",
                async Task<Ok<ReleaseCaseView>> (Guid caseId, IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(new PublishRelease(caseId), ct)))
            .WithName(nameof(PublishRelease))
            .WithTags("Releases")
            .WithSummary("Publishes an approved release case as its public release package (Custodian, never the approver).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
