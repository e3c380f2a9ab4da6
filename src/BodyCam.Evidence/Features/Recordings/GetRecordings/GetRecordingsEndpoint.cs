using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Recordings;

internal sealed class GetRecordingsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/recordings", async Task<Ok<RecordingList>> (
                    string? officerId, string? deviceSerial, DateTimeOffset? from, DateTimeOffset? to, bool? rejected, int? limit, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetRecordings(officerId, deviceSerial, from, to, rejected, limit ?? 50), ct)))
            .WithName(nameof(GetRecordings))
            .WithTags("Recordings")
            .WithSummary("Recordings by officer, camera, trigger time and rejection, newest first.")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
