using System.ComponentModel.DataAnnotations;
using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Docks;

/// <summary>
/// Registers docks and lists them. The new dock's key is in the response to the registration's POST only, never
/// behind a redirect or in TempData: the server keeps only its hash, and a reload must not show it again.
/// </summary>
public sealed class RegisterDockPage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty]
    [Display(Name = "Dock name")]
    public string Name { get; set; } = "";

    [BindProperty]
    [Display(Name = "Site (optional)")]
    public string? Site { get; set; }

    public RegisteredDock? Registered { get; private set; }

    public IReadOnlyList<DockView> Docks { get; private set; } = [];

    public async Task OnGetAsync() => Docks = await Mediator.Send(new GetDocks(), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        Registered = await TrySendAsync(new RegisterDock(Name, string.IsNullOrWhiteSpace(Site) ? null : Site));
        if (Registered is not null)
        {
            // The page answers the POST itself; no-store keeps the key out of the browser's cache and history.
            Response.Headers.CacheControl = "no-store";
            ModelState.Clear();
            Name = "";
            Site = null;
        }
        await OnGetAsync();
        return Page();
    }
}
