using BodyCam.Evidence.Infrastructure.Storage;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Playback;

internal sealed class ViewPosterEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/evidence/{evidenceId:guid}/poster",
                async Task<FileStreamHttpResult> (Guid evidenceId, HttpRequest request, HttpResponse response, IMediator mediator, IBlobStore store, CancellationToken ct) =>
                {
                    var poster = await mediator.Send(new ViewPoster(evidenceId, AccessReason.Of(request)), ct);
                    response.Headers.CacheControl = "no-store";
                    return TypedResults.Stream(await store.OpenReadAsync(poster.BlobName, 0, null, ct), poster.ContentType);
                })
            .WithName(nameof(ViewPoster))
            .WithTags("Playback")
            .WithSummary("The item's poster frame; each request is a custody event (Officer: own, Supervisor: unit, Custodian).")
            .RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
}
