using System.Security.Claims;
using System.Text.Encodings.Web;
using BodyCam.Evidence.Domain.Docks;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BodyCam.Evidence.Infrastructure.Identity;

/// <summary>Swift clients (Axis body worn systems) send the token their dock key was exchanged for as <c>X-Auth-Token</c>.</summary>
internal sealed class DockTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, EvidenceDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DockToken";
    public const string HeaderName = "X-Auth-Token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var presented) || string.IsNullOrWhiteSpace(presented))
        {
            return AuthenticateResult.Fail("No X-Auth-Token was sent.");
        }
        var tokenHash = Dock.HashKey(presented.ToString());
        var now = clock.GetUtcNow();
        var dock = await db.DockTokens.AsNoTracking()
            .Where(t => t.TokenSha256 == tokenHash && t.ExpiresAt > now)
            .Join(db.Docks.Where(d => d.Active), t => t.DockId, d => d.Id, (_, d) => new { d.Id, d.Name })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (dock is null)
        {
            return AuthenticateResult.Fail("The X-Auth-Token is unknown or expired, or its dock is inactive.");
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(EvidenceClaims.Subject, dock.Id.ToString()),
                new Claim(EvidenceClaims.Role, Roles.Dock),
                new Claim(EvidenceClaims.Name, dock.Name),
            ],
            SchemeName, EvidenceClaims.Subject, EvidenceClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
