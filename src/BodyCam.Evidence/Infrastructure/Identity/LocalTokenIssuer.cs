using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BodyCam.Evidence.Infrastructure.Identity;

/// <summary>Issues tokens the embedded profile accepts, for development and tests: production uses an OIDC issuer.</summary>
public sealed class LocalTokenIssuer(IdentitySettings settings, TimeProvider clock)
{
    public string Issue(string subject, string role, string? unit, string? name, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new(EvidenceClaims.Subject, subject), new(EvidenceClaims.Role, role) };
        if (unit is not null)
        {
            claims.Add(new Claim(EvidenceClaims.Unit, unit));
        }
        if (name is not null)
        {
            claims.Add(new Claim(EvidenceClaims.Name, name));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = LocalSigningKey.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(LocalSigningKey.LoadOrCreate(settings.LocalSigningKeyPath), SecurityAlgorithms.HmacSha256),
        });
    }
}
