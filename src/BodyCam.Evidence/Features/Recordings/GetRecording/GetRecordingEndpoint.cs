using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Recordings;

internal sealed class GetRecordingEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/recordings/{recordingId:guid}", async Task<Ok<RecordingDetails>> (Guid recordingId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetRecording(recordingId), ct)))
            .WithName(nameof(GetRecording))
            .WithTags("Recordings")
            .WithSummary("A recording: its segments (clips) in order, GNSS track, bookmarks, categories and every object it came with.")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
