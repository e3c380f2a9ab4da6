using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Oversight;

internal sealed class AttachFootageEndpoint : IEndpoint
{
    public sealed record AttachFootageBody(IReadOnlyList<Guid>? EvidenceIds, string Note);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/footage-requests/{requestId:guid}/items",
                async Task<Ok<FootageRequestView>> (Guid requestId, AttachFootageBody body, IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(new AttachFootage(requestId, body.EvidenceIds ?? [], body.Note ?? ""), ct)))
            .WithName(nameof(AttachFootage))
            .WithTags("Oversight")
            .WithSummary("Attaches the evidence items that match a footage request, with a note; the request is then ItemsFound (Supervisor, Custodian).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
