using System.ComponentModel.DataAnnotations;
using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Officers;

/// <summary>The officers and their units; the form adds an officer, or changes the one whose id it names.</summary>
public sealed class PutOfficerPage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty]
    [Display(Name = "Officer id (badge)")]
    public string OfficerId { get; set; } = "";

    [BindProperty]
    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    [BindProperty]
    [Display(Name = "Unit")]
    public string? Unit { get; set; }

    [BindProperty]
    [Display(Name = "Active")]
    public bool Active { get; set; } = true;

    [TempData]
    public string? Confirmation { get; set; }

    public IReadOnlyList<OfficerListing> Officers { get; private set; } = [];

    /// <summary>With <paramref name="edit"/>, the form starts from that officer as listed.</summary>
    public async Task OnGetAsync(string? edit)
    {
        await LoadAsync();
        if (Officers.FirstOrDefault(o => o.OfficerId == edit) is { } officer)
        {
            (OfficerId, Name, Unit, Active) = (officer.OfficerId, officer.Name, officer.Unit, officer.Active);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var officer = await TrySendAsync(new PutOfficer(OfficerId.Trim(), Name, Unit, Active));
        if (officer is null)
        {
            await LoadAsync();
            return Page();
        }
        Confirmation = $"Officer {officer.OfficerId} ({officer.Name}) saved, unit {officer.Unit ?? "none"}"
            + (officer.Rescoped > 0 ? $"; {officer.Rescoped} recordings moved to that unit." : ".");
        return RedirectToPage();
    }

    private async Task LoadAsync() => Officers = await Mediator.Send(new GetOfficers(), HttpContext.RequestAborted);
}
