using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>A custodian's fixity check of one item, from the fixity page; what it found comes back there.</summary>
public sealed class CheckFixityNowPage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty]
    public Guid EvidenceId { get; set; }

    [TempData]
    public string? Confirmation { get; set; }

    public IActionResult OnGet() => Redirect("/fixity");

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var found = await Mediator.Send(new CheckFixityNow(EvidenceId), HttpContext.RequestAborted);
        Confirmation = $"Evidence {found.EvidenceId}: {found.Outcome}, now {found.Status}. {found.Reason}";
        return Redirect("/fixity");
    }
}
