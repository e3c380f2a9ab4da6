using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Oversight;

internal sealed class FindFootageEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/footage-requests/{requestId:guid}/candidates",
                async Task<Ok<FootageCandidates>> (Guid requestId, IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(new FindFootage(requestId), ct)))
            .WithName(nameof(FindFootage))
            .WithTags("Oversight")
            .WithSummary("The evidence items in the caller's scope matching a footage request's officer, time window, case and place, to attach (Supervisor, Custodian).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
