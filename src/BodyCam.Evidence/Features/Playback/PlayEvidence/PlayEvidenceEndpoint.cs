using BodyCam.Evidence.Infrastructure.Storage;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Playback;

internal sealed class PlayEvidenceEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/evidence/{evidenceId:guid}/content", async (Guid evidenceId, HttpRequest request, IMediator mediator, IBlobStore store, CancellationToken ct) =>
                new ContentResponse(await mediator.Send(new PlayEvidence(evidenceId, AccessReason.Of(request) ?? "", ContentConditions.Of(request)), ct), store))
            .WithName(nameof(PlayEvidence))
            .WithTags("Playback")
            .WithSummary("The item's media, whole or by byte ranges, for a reason (X-Access-Reason or ?reason=); one custody event per view session (Officer: own, Supervisor: unit, Custodian).")
            .RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status206PartialContent, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);
}
