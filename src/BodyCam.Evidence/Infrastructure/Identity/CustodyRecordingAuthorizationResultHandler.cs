using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Infrastructure.Identity;

/// <summary>
/// Every request the authorisation middleware turns away, unauthenticated (401) or forbidden (403), is a
/// custody event before the response is written.
/// </summary>
internal sealed class CustodyRecordingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged || authorizeResult.Forbidden)
        {
            var attempted = $"{context.Request.Method} {context.Request.Path}";
            // Handlers cache their result per request, so this re-reads why authentication failed without redoing it.
            var failure = authorizeResult.Challenged ? (await context.AuthenticateAsync()).Failure?.Message : null;
            var db = context.RequestServices.GetRequiredService<EvidenceDb>();
            db.CustodyEvents.Record(
                authorizeResult.Challenged ? CustodyAction.AuthenticationFailed : CustodyAction.AccessDenied,
                HttpCurrentActor.FromHttpContext(context),
                reason: CustodyEvent.FitReason(FreeText.Quote(failure is null ? attempted : $"{attempted}: {failure}")),
                outcome: CustodyOutcome.Denied);
            await db.SaveChangesAsync(context.RequestAborted);
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
