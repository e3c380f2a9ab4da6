using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Features.Playback;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Cases;

public sealed class LinkEvidenceToCaseForm
{
    public Guid Id { get; set; }
    public string? Reason { get; set; }
    public string? CaseNumber { get; set; }
}

/// <summary>Links the item to a case from the player's form and goes back to the player; refused fields come back here.</summary>
public sealed class LinkEvidenceToCasePage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty]
    public LinkEvidenceToCaseForm Form { get; set; } = new();

    public IActionResult OnGet(Guid id) => LocalRedirect(PlayEvidencePage.Path(id, null));

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Form.Id = id;
        var link = await TrySendAsync(new LinkEvidenceToCase(id, Form.CaseNumber?.Trim() ?? ""));
        if (link is null)
        {
            return Page();
        }
        TempData[PlayEvidencePage.Done] = link.Created ? $"Linked to case {link.CaseNumber}." : $"Already linked to case {link.CaseNumber}.";
        return LocalRedirect(PlayEvidencePage.Path(id, Form.Reason) + "#cases");
    }
}
