using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Ledger;

internal sealed class GetEntryBundleEndpoint : IEndpoint
{
    /// <summary>A literal segment outranks the hash tiles' catch-all, so entries/… never reaches it.</summary>
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/log/tile/entries/{**path}",
                async Task<FileContentHttpResult> (string? path, HttpRequest request, HttpResponse response, IMediator mediator, CancellationToken ct) =>
                    LogTileResults.EntryBundle(request, response, await mediator.Send(new GetEntryBundle(path), ct)))
            .WithName(nameof(GetEntryBundle))
            .WithTags("Ledger")
            .WithSummary("An entry bundle of the custody log (C2SP tlog-tiles): path <N>[.p/<W>], e.g. x001/234 or 000.p/17. Auditor.")
            .WithDescription(
                "Entries N·256 to N·256+W-1 (W = 256 without .p/W), each a big-endian uint16 length and the entry's canonical bytes, "
                + "whose SHA-256(0x00 ‖ entry) is the matching hash of level-0 tile N. Gzipped when the client accepts gzip. A full "
                + "bundle never changes (privately cacheable for a year); a partial one for a minute. A bundle beyond the log is 404.")
            .RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: LogTileResults.TileContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
