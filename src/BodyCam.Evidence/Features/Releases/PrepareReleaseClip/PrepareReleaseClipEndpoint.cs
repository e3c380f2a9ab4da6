using BodyCam.Evidence.Features.Exports;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Releases;

internal sealed class PrepareReleaseClipEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/release-cases/{caseId:guid}/clips",
                async Task<Created<ClipRequestView>> (Guid caseId, PrepareReleaseClipBody body, IMediator mediator, CancellationToken ct) =>
                {
                    var request = await mediator.Send(
                        new PrepareReleaseClip(caseId, body.EvidenceId, body.StartSeconds, body.EndSeconds, body.Redactions ?? [], body.Watermark), ct);
                    return TypedResults.Created($"/api/clip-requests/{request.Id}", request);
                })
            .WithName(nameof(PrepareReleaseClip))
            .WithTags("Releases")
            .WithSummary("Asks for the redacted clip of one of a release case's items; another supervisor or custodian approves it as any clip request (Custodian).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
