using BodyCam.Evidence.Domain.Retention;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Disposition;

internal sealed class GetDispositionRequestsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/disposition-requests", async Task<Ok<IReadOnlyList<DispositionRequestView>>> (string? status, int? limit, IMediator mediator, CancellationToken ct) =>
            {
                var wanted = DispositionRequestStatus.Pending;
                if (status is not null && !Enum.TryParse(status, ignoreCase: true, out wanted))
                {
                    throw RequestValidationException.For("status", $"One of {string.Join(", ", Enum.GetNames<DispositionRequestStatus>())}.");
                }
                return TypedResults.Ok(await mediator.Send(new GetDispositionRequests(wanted, PageLimit.Of(limit)), ct));
            })
            .WithName(nameof(GetDispositionRequests))
            .WithTags("Retention")
            .WithSummary("Disposition requests in one status, default Pending (Custodian, Auditor).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
