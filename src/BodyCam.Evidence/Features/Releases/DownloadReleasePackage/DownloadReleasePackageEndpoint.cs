using System.IO.Compression;
using BodyCam.Evidence.Infrastructure.Storage;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Releases;

internal sealed class DownloadReleasePackageEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/release-cases/{caseId:guid}/package",
                async Task<FileStreamHttpResult> (Guid caseId, IMediator mediator, IBlobStore store, CancellationToken ct) =>
                {
                    var download = await mediator.Send(new DownloadReleasePackage(caseId), ct);
                    return TypedResults.File(await ZipAsync(download, store, ct), "application/zip", download.FileName);
                })
            .WithName(nameof(DownloadReleasePackage))
            .WithTags("Releases")
            .WithSummary("Downloads a published release's folder as a zip, for any web server (Custodian).")
            .RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>
    /// Written to a temporary file that is deleted once sent: a zip's central directory comes last, so the folder is
    /// zipped whole before the first byte goes out, and never in memory. Video is stored, not compressed.
    /// </summary>
    private static async Task<Stream> ZipAsync(ReleasePackageDownload download, IBlobStore store, CancellationToken cancellationToken)
    {
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), $"bodycam-release-{Guid.NewGuid():N}.zip"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var released in download.Files)
                {
                    var level = released.ContentType.StartsWith("text/", StringComparison.Ordinal) ? CompressionLevel.Optimal : CompressionLevel.NoCompression;
                    await using var entry = await zip.CreateEntry(released.Name, level).OpenAsync(cancellationToken);
                    await using var content = await store.OpenReadAsync(released.BlobName, 0, null, cancellationToken);
                    await content.CopyToAsync(entry, cancellationToken);
                }
            }
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
