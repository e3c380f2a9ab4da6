using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Review;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Review;

/// <summary>Adds a note to an item (its officer, the unit's supervisor, a custodian). Notes are never edited: a correction is another note.</summary>
[RequiresRole(Roles.Officer, Roles.Supervisor, Roles.Custodian)]
public sealed record AddNote(Guid EvidenceId, string Text) : ICommand<NoteView>, IEvidenceItemMessage;

public sealed record NoteView(Guid Id, string Text, string Author, DateTimeOffset CreatedAt);

internal sealed class AddNoteHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<AddNote, NoteView>
{
    public async ValueTask<NoteView> Handle(AddNote command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.Where(e => e.Id == command.EvidenceId).Select(e => new { e.StreamSha256 }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no evidence item {command.EvidenceId}.");
        var note = EvidenceNote.Add(command.EvidenceId, command.Text.Trim(), caller.Actor.Id, clock.GetUtcNow());
        db.EvidenceNotes.Add(note);
        db.CustodyEvents.Record(
            CustodyAction.NoteAdded, caller.Actor, command.EvidenceId, item.StreamSha256,
            reason: $"note {note.Id}, {note.Text.Length} characters, text SHA-256 {ReviewText.Sha256(note.Text)}");
        return new NoteView(note.Id, note.Text, note.Author, note.CreatedAt);
    }
}
