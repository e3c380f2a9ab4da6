using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Disposition;

internal sealed class RequestDispositionEndpoint : IEndpoint
{
    public sealed record DispositionRequestBody(string Reason);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/evidence/{evidenceId:guid}/disposition-requests",
                async Task<Created<DispositionRequestView>> (Guid evidenceId, DispositionRequestBody body, IMediator mediator, CancellationToken ct) =>
                {
                    var request = await mediator.Send(new RequestDisposition(evidenceId, body.Reason ?? ""), ct);
                    return TypedResults.Created($"/api/disposition-requests/{request.Id}", request);
                })
            .WithName(nameof(RequestDisposition))
            .WithTags("Retention")
            .WithSummary("Asks to destroy an item past its retention and not held; another custodian must approve (Custodian).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
