using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Disposition;

internal sealed class DeleteEvidenceEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapDelete("/api/evidence/{evidenceId:guid}", async Task<NoContent> (Guid evidenceId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteEvidence(evidenceId), ct);
                return TypedResults.NoContent();
            })
            .WithName(nameof(DeleteEvidence))
            .WithTags("Retention")
            .WithSummary("Always refused (409, audited): evidence is destroyed only through disposition requests.")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
