using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Ledger;

internal sealed class GetLedgerEntriesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/ledger/entries/{index:long:min(0)}", async Task<Ok<LedgerEntry>> (long index, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok((await mediator.Send(new GetLedgerEntries(index, 1), ct))[0]))
            .WithName("GetLedgerEntry")
            .WithTags("Ledger")
            .WithSummary("One custody log entry: its canonical bytes, leaf hash and the row as stored.")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/api/ledger/entries", async Task<Ok<IReadOnlyList<LedgerEntry>>> (long? start, int? count, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetLedgerEntries(start ?? 0, count ?? GetLedgerEntries.MaxCount), ct)))
            .WithName(nameof(GetLedgerEntries))
            .WithTags("Ledger")
            .WithSummary("Consecutive custody log entries from start (at most 1000), for verifiers that recompute the log.")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
