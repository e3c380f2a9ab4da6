using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace BodyCam.Evidence.Features.Audit;

internal sealed class GetAuditTrailEndpoint : IEndpoint
{
    private static readonly MediaTypeHeaderValue Csv = new("text/csv");
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/audit", async Task<Results<Ok<AuditTrailPage>, PushStreamHttpResult>> (
                [AsParameters] GetAuditTrail search, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var trail = await mediator.Send(search, ct);
                http.Response.Headers.Vary = HeaderNames.Accept;
                if (!PrefersCsv(http.Request))
                {
                    return TypedResults.Ok(await trail.ReadPageAsync(ct));
                }
                http.Response.Headers.ContentDisposition = "attachment; filename=\"audit-trail.csv\"";
                return TypedResults.Stream(body => trail.WriteCsvAsync(body, ct), Csv.MediaType.Value);
            })
            .WithName(nameof(GetAuditTrail))
            .WithTags("Audit")
            .WithSummary("The custody trail in ledger order, filtered and paged by cursor.")
            .WithDescription(
                "With Accept: text/csv, every matching event from the cursor on (not one page) as an RFC 4180 CSV download with the same "
                + "columns; text that a spreadsheet would run as a formula gets a leading '.")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>CSV when the most preferred of the Accept header's types that this endpoint serves is text/csv; JSON otherwise.</summary>
    private static bool PrefersCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept
            .Where(type => type.Quality is not 0)
            .OrderByDescending(type => type.Quality ?? 1)
            .FirstOrDefault(type => type.IsSubsetOf(Csv) || Json.IsSubsetOf(type)) is { } preferred
        && preferred.IsSubsetOf(Csv);
}
