using BodyCam.Evidence.Infrastructure.Storage;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Exports;

internal sealed class DownloadExportEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/exports/{exportId:guid}/download", async Task<FileStreamHttpResult> (Guid exportId, IMediator mediator, IBlobStore store, CancellationToken ct) =>
                {
                    var download = await mediator.Send(new DownloadExport(exportId), ct);
                    var content = await store.OpenReadAsync(download.BlobName, 0, null, ct);
                    return TypedResults.File(content, "application/zip", download.FileName);
                })
            .WithName(nameof(DownloadExport))
            .WithTags("Exports")
            .WithSummary("Downloads an export package: the requesting board only, until the link expires or its downloads are used up (OversightBoard).")
            .RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
}
