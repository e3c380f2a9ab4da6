using BodyCam.Evidence.Features.Playback;
using BodyCam.Evidence.Infrastructure.Storage;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>
/// A published release's folder, as a static web server would serve it: the folder's address gives its
/// <c>index.html</c> (redirected to end in a slash, so the page's relative links resolve), and each file is served
/// with its content type and byte ranges, so the video seeks. No session, no cookie.
/// </summary>
internal sealed class GetPublishedReleaseFileEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(ReleaseCaseViews.PublicFolder + "/{caseId:guid}/",
                async Task<IResult> (Guid caseId, HttpContext context, IMediator mediator, IBlobStore store, CancellationToken ct) =>
                    context.Request.Path.Value!.EndsWith('/')
                        ? await ServeAsync(new GetPublishedReleaseFile(caseId, ReleasePackage.Index), context, mediator, store, ct)
                        : TypedResults.Redirect($"{context.Request.PathBase}{context.Request.Path}/"))
            .WithName("GetPublishedRelease")
            .WithTags("Releases")
            .WithSummary("A published release's page, index.html, for anyone when Public:Enabled is set.")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet(ReleaseCaseViews.PublicFolder + "/{caseId:guid}/{name}",
                async Task<IResult> (Guid caseId, string name, HttpContext context, IMediator mediator, IBlobStore store, CancellationToken ct) =>
                    await ServeAsync(new GetPublishedReleaseFile(caseId, name), context, mediator, store, ct))
            .WithName(nameof(GetPublishedReleaseFile))
            .WithTags("Releases")
            .WithSummary("One file of a published release (its videos with byte ranges), for anyone when Public:Enabled is set.")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status206PartialContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ServeAsync(GetPublishedReleaseFile query, HttpContext context, IMediator mediator, IBlobStore store, CancellationToken ct)
    {
        var file = await mediator.Send(query, ct);
        var content = new EvidenceContent(file.BlobName, file.Bytes, file.ContentType, $"\"{file.Sha256}\"", file.Name);
        return new ContentResponse(ContentSelection.Select(content, ContentConditions.Of(context.Request)), store);
    }
}
