using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Cases;

internal sealed class LinkEvidenceToCaseEndpoint : IEndpoint
{
    public sealed record LinkBody(string CaseNumber);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/evidence/{evidenceId:guid}/cases", async Task<Results<Created<CaseLinkView>, Ok<CaseLinkView>>> (
                Guid evidenceId, LinkBody body, IMediator mediator, CancellationToken ct) =>
            {
                var link = await mediator.Send(new LinkEvidenceToCase(evidenceId, body.CaseNumber ?? ""), ct);
                return link.Created ? TypedResults.Created($"/api/cases/{Uri.EscapeDataString(link.CaseNumber)}", link) : TypedResults.Ok(link);
            })
            .WithName(nameof(LinkEvidenceToCase))
            .WithTags("Cases")
            .WithSummary("Links the item to an open case (Custodian, Supervisor of the unit); 200 when it already was.")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
