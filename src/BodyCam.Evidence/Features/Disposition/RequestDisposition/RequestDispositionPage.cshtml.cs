using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Disposition;

/// <summary>The first custodian's request to dispose of an eligible item, from the queue; a refused reason comes back beside the form.</summary>
public sealed class RequestDispositionPage(IMediator mediator) : ConsolePage(mediator)
{
    [FromRoute]
    public Guid EvidenceId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Confirmation { get; set; }

    public IActionResult OnGet() => Redirect("/disposition");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await TrySendAsync(new RequestDisposition(EvidenceId, Reason ?? "")) is null)
        {
            return Page();
        }
        Confirmation = $"Disposition of {EvidenceId} requested; it awaits a second custodian's approval.";
        return Redirect("/disposition");
    }
}
