using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Cases;

internal sealed class GetCaseEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/cases/{caseNumber}", async Task<Ok<CaseDetails>> (string caseNumber, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetCase(caseNumber), ct)))
            .WithName(nameof(GetCase))
            .WithTags("Cases")
            .WithSummary("A case with the linked evidence the caller may see.")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
