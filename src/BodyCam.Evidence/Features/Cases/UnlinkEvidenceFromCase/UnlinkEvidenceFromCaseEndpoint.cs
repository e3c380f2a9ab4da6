using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Cases;

internal sealed class UnlinkEvidenceFromCaseEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapDelete("/api/evidence/{evidenceId:guid}/cases/{caseNumber}", async Task<NoContent> (
                Guid evidenceId, string caseNumber, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new UnlinkEvidenceFromCase(evidenceId, caseNumber), ct);
                return TypedResults.NoContent();
            })
            .WithName(nameof(UnlinkEvidenceFromCase))
            .WithTags("Cases")
            .WithSummary("Removes the item from a case that is still open (Custodian, Supervisor of the unit).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
