using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Oversight;

internal sealed class RecordNoFootageEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/footage-requests/{requestId:guid}/none-found",
                async Task<Ok<FootageRequestView>> (Guid requestId, FootageReasonBody body, IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(new RecordNoFootage(requestId, body.Reason ?? ""), ct)))
            .WithName(nameof(RecordNoFootage))
            .WithTags("Oversight")
            .WithSummary("Records that no footage matches a footage request, and why; the board sees the reason (Supervisor, Custodian).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
