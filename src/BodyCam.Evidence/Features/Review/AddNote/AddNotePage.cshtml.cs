using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Features.Playback;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Review;

public sealed class AddNoteForm
{
    public Guid Id { get; set; }
    public string? Reason { get; set; }
    public string? Text { get; set; }
}

/// <summary>Adds a note from the player's form and goes back to the player; refused fields come back here beside the form.</summary>
public sealed class AddNotePage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty]
    public AddNoteForm Form { get; set; } = new();

    public IActionResult OnGet(Guid id) => LocalRedirect(PlayEvidencePage.Path(id, null));

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Form.Id = id;
        if (await TrySendAsync(new AddNote(id, Form.Text ?? "")) is null)
        {
            return Page();
        }
        TempData[PlayEvidencePage.Done] = "Note added.";
        return LocalRedirect(PlayEvidencePage.Path(id, Form.Reason) + "#notes");
    }
}
