using System.Globalization;
using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Features.Playback;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Review;

/// <summary>The bookmark form's fields; the player's script fills <see cref="StartSeconds"/> from the video's position.</summary>
public sealed class AddBookmarkForm
{
    public Guid Id { get; set; }
    public string? Reason { get; set; }
    public double? StartSeconds { get; set; }
    public string? Label { get; set; }

    public string? Position => StartSeconds?.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>Adds a bookmark from the player's form and goes back to the player; refused fields come back here beside the form.</summary>
public sealed class AddBookmarkPage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty]
    public AddBookmarkForm Form { get; set; } = new();

    public IActionResult OnGet(Guid id) => LocalRedirect(PlayEvidencePage.Path(id, null));

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Form.Id = id;
        var added = await TrySendAsync(new AddBookmark(id, Form.StartSeconds ?? double.NaN, null, Form.Label ?? "", null));
        if (added is null)
        {
            return Page();
        }
        TempData[PlayEvidencePage.Done] = $"Bookmark “{added.Label}” added at {PlayerTimeline.Clock(added.StartSeconds)}.";
        return LocalRedirect(PlayEvidencePage.Path(id, Form.Reason) + "#timeline");
    }
}
