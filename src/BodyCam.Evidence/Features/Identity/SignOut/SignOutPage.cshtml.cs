using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Identity;

/// <summary>Ends the console session (and, with an OpenID provider, the provider's session too), recorded first.</summary>
public sealed class SignOutPage(IMediator mediator, EvidenceSettings settings) : ConsolePage(mediator)
{
    private const string SignedOut = ConsoleSessions.SignInPath + "?signedOut=true";

    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Redirect(SignedOut);
        }
        await Mediator.Send(new RecordSignOut("signed out"), HttpContext.RequestAborted);
        if (settings.Identity.UsesLocalIssuer)
        {
            await HttpContext.SignOutAsync(ConsoleSessions.CookieScheme);
            return Redirect(SignedOut);
        }
        return SignOut(new AuthenticationProperties { RedirectUri = SignedOut }, ConsoleSessions.CookieScheme, OpenIdConnectDefaults.AuthenticationScheme);
    }
}
