using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Review;

internal sealed class AddBookmarkEndpoint : IEndpoint
{
    public sealed record BookmarkBody(double? StartSeconds, string Label, double? EndSeconds = null, IReadOnlyList<string>? Tags = null);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/evidence/{evidenceId:guid}/bookmarks", async Task<Created<ReviewerBookmark>> (
                    Guid evidenceId, BookmarkBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created($"/api/evidence/{evidenceId}",
                    await mediator.Send(new AddBookmark(evidenceId, body.StartSeconds ?? double.NaN, body.EndSeconds, body.Label ?? "", body.Tags), ct)))
            .WithName(nameof(AddBookmark))
            .WithTags("Review")
            .WithSummary("Marks a moment or span of the item's media (its officer, the unit's supervisor, a custodian).")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
