using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace BodyCam.Evidence.Features.Reports;

internal sealed class GetTransparencyReportEndpoint : IEndpoint
{
    private static readonly MediaTypeHeaderValue Csv = new(TransparencyCsv.MediaType);
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/reports/transparency", async Task<Results<Ok<TransparencyReport>, PushStreamHttpResult>> (
                [AsParameters] GetTransparencyReport query, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var report = await mediator.Send(query, ct);
                http.Response.Headers.Vary = HeaderNames.Accept;
                if (!PrefersCsv(http.Request))
                {
                    return TypedResults.Ok(report);
                }
                http.Response.Headers.ContentDisposition = TransparencyCsv.ContentDisposition;
                return TypedResults.Stream(body => report.WriteCsvAsync(body, ct), TransparencyCsv.MediaType);
            })
            .WithName(nameof(GetTransparencyReport))
            .WithTags("Reports")
            .WithSummary("The transparency report for [from, to): aggregate figures with their definitions, computed at the latest signed checkpoint.")
            .WithDescription("With Accept: text/csv, one RFC 4180 row per figure (and per histogram band) instead of JSON.")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>CSV when the most preferred of the Accept header's types that this endpoint serves is text/csv; JSON otherwise.</summary>
    private static bool PrefersCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept
            .Where(type => type.Quality is not 0)
            .OrderByDescending(type => type.Quality ?? 1)
            .FirstOrDefault(type => type.IsSubsetOf(Csv) || Json.IsSubsetOf(type)) is { } preferred
        && preferred.IsSubsetOf(Csv);
}
