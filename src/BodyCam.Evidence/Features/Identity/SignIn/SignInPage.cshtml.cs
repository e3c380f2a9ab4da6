using System.ComponentModel.DataAnnotations;
using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Infrastructure.Identity;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Identity;

/// <summary>
/// Sign-in: at the configured OpenID provider, or, with none (the embedded profile), a development sign-in where the
/// person picks who they are. The development form does not exist once an authority is configured.
/// </summary>
public sealed class SignInPage(IMediator mediator, EvidenceSettings settings) : ConsolePage(mediator)
{
    public const string DevelopmentMethod = "development sign-in (no identity provider configured)";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Failed { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Locked { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool SignedOut { get; set; }

    [BindProperty]
    [Display(Name = "Your name or badge")]
    public string Subject { get; set; } = "";

    [BindProperty]
    public string Role { get; set; } = Roles.Supervisor;

    [BindProperty]
    public string? Unit { get; set; }

    public bool Development => settings.Identity.UsesLocalIssuer;

    public IActionResult OnGet()
    {
        if (!Development && Failed is null && !Locked && !SignedOut)
        {
            return Challenge(new AuthenticationProperties { RedirectUri = LocalReturnUrl }, OpenIdConnectDefaults.AuthenticationScheme);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Development)
        {
            return NotFound();
        }
        var subject = Subject.Trim();
        var unit = string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim();
        await TrySendAsync(new RecordSignIn(subject, Role, unit, DevelopmentMethod));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await HttpContext.SignInAsync(ConsoleSessions.CookieScheme, ConsoleSessions.Person(subject, Role, unit, subject));
        return LocalRedirect(LocalReturnUrl);
    }

    private string LocalReturnUrl => ReturnUrl is { } url && Url.IsLocalUrl(url) ? url : "/";
}
