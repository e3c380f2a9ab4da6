using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Cases;

internal sealed class PutCaseEndpoint : IEndpoint
{
    public sealed record CaseBody(string Title, string? Status = null);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPut("/api/cases/{caseNumber}", async Task<Ok<CaseView>> (string caseNumber, CaseBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new PutCase(caseNumber, body.Title ?? "", body.Status), ct)))
            .WithName(nameof(PutCase))
            .WithTags("Cases")
            .WithSummary("Opens a case or changes its title and status (Custodian, Supervisor).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
