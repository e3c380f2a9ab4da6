using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Review;

internal sealed class RecordReviewEndpoint : IEndpoint
{
    public sealed record ReviewBody(string Outcome, string? Comment = null);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/evidence/{evidenceId:guid}/reviews", async Task<Created<ReviewView>> (
                    Guid evidenceId, ReviewBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created($"/api/evidence/{evidenceId}", await mediator.Send(new RecordReview(evidenceId, body.Outcome ?? "", body.Comment), ct)))
            .WithName(nameof(RecordReview))
            .WithTags("Review")
            .WithSummary("Records a supervisor's review of the item and its outcome (Supervisor of the unit; not of their own recording).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
