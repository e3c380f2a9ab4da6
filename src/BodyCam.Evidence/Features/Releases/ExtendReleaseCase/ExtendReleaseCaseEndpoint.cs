using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Releases;

internal sealed class ExtendReleaseCaseEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/release-cases/{caseId:guid}/extend",
                async Task<Ok<ReleaseCaseView>> (Guid caseId, ExtendReleaseCaseBody body, IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(new ExtendReleaseCase(caseId, body.Reason), ct)))
            .WithName(nameof(ExtendReleaseCase))
            .WithTags("Releases")
            .WithSummary("Extends a release case's due day by one step of its rule, never past the rule's maximum (Custodian).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
