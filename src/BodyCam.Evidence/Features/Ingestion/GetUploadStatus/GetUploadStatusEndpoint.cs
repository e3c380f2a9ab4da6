using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Ingestion;

internal sealed class GetUploadStatusEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/ingest/uploads/{uploadId}", async Task<Ok<UploadStatusReport>> (string uploadId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetUploadStatus(uploadId), ct)))
            .WithName(nameof(GetUploadStatus))
            .WithTags("Ingestion")
            .WithSummary("The state of an upload the calling dock created; only Verified means the camera may be wiped.")
            .RequireAuthorization(EvidenceServices.DockPolicy)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
}
