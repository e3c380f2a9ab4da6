using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Features.Public;

/// <summary>
/// A page the public reads without signing in, under <see cref="PublicSettings.PathPrefix"/>: it answers 404, as if
/// it did not exist, while <c>Public:Enabled</c> is off. Every console page's headers apply (the strict
/// Content-Security-Policy, nosniff, no referrer), and it is drawn in <see cref="Layout"/>, which offers no console
/// navigation and names no person. A public page sends a message anyone may send: one without a required role, whose
/// handler itself refuses while the public is not served, and shows only what such a message answers.
/// </summary>
[AllowAnonymous]
public abstract class PublicPage(IMediator mediator) : ConsolePage(mediator)
{
    public const string Layout = "/Features/Public/_Layout.cshtml";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!context.HttpContext.RequestServices.GetRequiredService<EvidenceSettings>().Public.Enabled)
        {
            context.Result = NotFound();
            return;
        }
        await next();
    }
}
