using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Releases;

internal sealed class ApproveReleaseEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/release-cases/{caseId:guid}/approve",
                async Task<Ok<ReleaseCaseView>> (Guid caseId, ReleaseReasonBody body, IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(new ApproveRelease(caseId, body.Reason ?? ""), ct)))
            .WithName(nameof(ApproveRelease))
            .WithTags("Releases")
            .WithSummary("Approves a release case whose clips are all Ready; another custodian publishes it (Custodian).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
