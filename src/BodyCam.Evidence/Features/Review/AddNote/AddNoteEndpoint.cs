using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Review;

internal sealed class AddNoteEndpoint : IEndpoint
{
    public sealed record NoteBody(string Text);

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/evidence/{evidenceId:guid}/notes", async Task<Created<NoteView>> (Guid evidenceId, NoteBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created($"/api/evidence/{evidenceId}", await mediator.Send(new AddNote(evidenceId, body.Text ?? ""), ct)))
            .WithName(nameof(AddNote))
            .WithTags("Review")
            .WithSummary("Adds a note to the item (its officer, the unit's supervisor, a custodian); notes are never edited.")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
