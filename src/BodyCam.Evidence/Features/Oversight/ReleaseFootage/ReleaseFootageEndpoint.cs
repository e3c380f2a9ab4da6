using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Oversight;

internal sealed class ReleaseFootageEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/footage-requests/{requestId:guid}/release",
                async Task<Ok<FootageRequestView>> (Guid requestId, FootageReasonBody body, IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(new ReleaseFootage(requestId, body.Reason ?? ""), ct)))
            .WithName(nameof(ReleaseFootage))
            .WithTags("Oversight")
            .WithSummary("Releases the attached items to the board, each as an approved clip request of the whole recording, cut and packaged for it to download (Supervisor, Custodian).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
