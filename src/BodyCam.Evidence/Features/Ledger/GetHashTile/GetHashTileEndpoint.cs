using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Ledger;

internal sealed class GetHashTileEndpoint : IEndpoint
{
    /// <summary>One catch-all route: a tile index is as many path elements as it needs (x001/x234/067), parsed by the message's validator.</summary>
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/log/tile/{**path}", async Task<FileContentHttpResult> (string? path, HttpResponse response, IMediator mediator, CancellationToken ct) =>
                LogTileResults.HashTile(response, await mediator.Send(new GetHashTile(path), ct)))
            .WithName(nameof(GetHashTile))
            .WithTags("Ledger")
            .WithSummary("A hash tile of the custody log (C2SP tlog-tiles): path <L>/<N>[.p/<W>], e.g. 0/x001/234.p/17. Public.")
            .WithDescription(
                "Level L (0-63) holds the hashes at tree level 8·L: the tile N holds the tree hashes of entries (N·256+i)·256^L to "
                + "(N·256+i+1)·256^L-1 for i from 0 to W-1, 32 bytes each. N is written in zero-padded 3-digit path elements, all but the "
                + "last prefixed with x. A full tile (no .p/W) never changes and may be cached for a year; a partial one (W from 1 to 255) "
                + "for a minute. Tiles exist for every size the log has integrated; a tile beyond it is 404.")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: LogTileResults.TileContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
