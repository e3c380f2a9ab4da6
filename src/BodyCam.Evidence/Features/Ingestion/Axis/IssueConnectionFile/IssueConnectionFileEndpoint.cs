using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Ingestion.Axis;

internal sealed class IssueConnectionFileEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/axis/connection-files",
                async Task<JsonHttpResult<AxisConnectionFile>> (IssueConnectionFile command, IMediator mediator, HttpResponse response, CancellationToken ct) =>
                {
                    var file = await mediator.Send(command, ct);
                    response.Headers.ContentDisposition = $"attachment; filename=\"{DownloadName(file.SiteName)}\"";
                    // The Axis manager reads the spec's own names: the file is written with its options, not the API's camelCase.
                    return TypedResults.Json(file, AxisConnectionFile.JsonOptions, "application/json");
                })
            .WithName(nameof(IssueConnectionFile))
            .WithTags("Ingestion (Axis)")
            .WithSummary("Registers a dock for an Axis body worn system and returns the connection file its manager imports; its key is shown once.")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>A site name may hold any printable character; the file name keeps only those no browser or shell trips over.</summary>
    private static string DownloadName(string site)
    {
        var safe = new string([.. site.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]).Trim('_');
        return (safe.Length == 0 ? "axis" : safe) + "-connection.json";
    }
}
