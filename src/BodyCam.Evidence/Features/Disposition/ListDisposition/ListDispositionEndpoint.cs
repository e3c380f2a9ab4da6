using BodyCam.Evidence.Domain.Retention;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Disposition.ListDisposition;

internal sealed class ListDispositionEndpoint : IEndpoint
{
    private const int MaxLimit = 1000;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/disposition/eligible", async Task<Ok<IReadOnlyList<EligibleItem>>> (int? limit, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListEligibleForDisposition(Limit(limit)), ct)))
            .WithName(nameof(ListEligibleForDisposition))
            .WithTags("Retention")
            .WithSummary("Items past retention that nothing holds, as the last sweep found them (Custodian, Auditor).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        routes.MapGet("/api/disposition-requests", async Task<Ok<IReadOnlyList<DispositionRequestView>>> (string? status, int? limit, IMediator mediator, CancellationToken ct) =>
            {
                var wanted = DispositionRequestStatus.Pending;
                if (status is not null && !Enum.TryParse(status, ignoreCase: true, out wanted))
                {
                    throw RequestValidationException.For("status", $"One of {string.Join(", ", Enum.GetNames<DispositionRequestStatus>())}.");
                }
                return TypedResults.Ok(await mediator.Send(new ListDispositionRequests(wanted, Limit(limit)), ct));
            })
            .WithName(nameof(ListDispositionRequests))
            .WithTags("Retention")
            .WithSummary("Disposition requests in one status, default Pending (Custodian, Auditor).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static int Limit(int? limit) => limit switch
    {
        null => 100,
        >= 1 and <= MaxLimit => limit.Value,
        _ => throw RequestValidationException.For("limit", $"Between 1 and {MaxLimit}."),
    };
}
