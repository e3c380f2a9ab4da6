using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Oversight;

internal sealed class GetFootageRequestsEndpoint : IEndpoint
{
    public const int DefaultPageSize = 25;

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/footage-requests",
                async Task<Ok<FootageRequestsPage>> (string? status, bool? overdue, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(new GetFootageRequests(status, overdue ?? false, page ?? 1, pageSize ?? DefaultPageSize), ct)))
            .WithName(nameof(GetFootageRequests))
            .WithTags("Oversight")
            .WithSummary("Footage requests, newest first, paged, with their deadlines and the count of overdue open ones: a board its own; Supervisor, Custodian and Auditor all.")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
