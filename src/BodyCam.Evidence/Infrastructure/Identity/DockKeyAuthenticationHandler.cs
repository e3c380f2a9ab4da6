using System.Security.Claims;
using System.Text.Encodings.Web;
using BodyCam.Evidence.Domain.Docks;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BodyCam.Evidence.Infrastructure.Identity;

/// <summary>Docks authenticate with the key they were given at registration, sent as <c>X-Dock-Key</c>.</summary>
internal sealed class DockKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, EvidenceDb db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DockKey";
    public const string HeaderName = "X-Dock-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var presented) || string.IsNullOrWhiteSpace(presented))
        {
            return AuthenticateResult.NoResult();
        }
        var keyHash = Dock.HashKey(presented.ToString());
        var dock = await db.Docks.AsNoTracking().FirstOrDefaultAsync(d => d.KeySha256 == keyHash, Context.RequestAborted);
        if (dock is null || !dock.Active)
        {
            return AuthenticateResult.Fail("The dock key is unknown or the dock is inactive.");
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
