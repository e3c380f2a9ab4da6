using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Ledger;

/// <summary>The tiled log's checkpoint is the one the ledger API serves, under the prefix tlog-tiles clients expect.</summary>
internal sealed class GetLogCheckpointEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/log/checkpoint", async Task<ContentHttpResult> (HttpResponse response, IMediator mediator, CancellationToken ct) =>
                {
                    var checkpoint = await mediator.Send(new GetCheckpoint(), ct);
                    response.Headers.CacheControl = LogTileResults.CheckpointCaching;
                    return TypedResults.Text(checkpoint.Note, "text/plain; charset=utf-8");
                })
            .WithName("GetLogCheckpoint")
            .WithTags("Ledger")
            .WithSummary("The custody log's checkpoint for tlog-tiles clients: the same signed note as /api/ledger/checkpoint, cacheable for 5 seconds. Public.")
            .AllowAnonymous()
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound);
}
