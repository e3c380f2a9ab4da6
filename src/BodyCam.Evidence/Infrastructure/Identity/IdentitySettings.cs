using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Infrastructure.Identity;

/// <summary>
/// With an <see cref="Authority"/>, tokens come from that OIDC issuer; without one, from the local issuer whose
/// key is kept at <see cref="LocalSigningKeyPath"/>.
/// </summary>
public sealed record IdentitySettings(string? Authority, string Audience, string LocalSigningKeyPath)
{
    public bool UsesLocalIssuer => string.IsNullOrEmpty(Authority);

    public static IdentitySettings From(IConfiguration configuration, string dataRoot) => new(
        AuthorityFrom(configuration["Identity:Authority"]),
        configuration["Identity:Audience"] ?? "bodycam-evidence",
        Path.GetFullPath(configuration["Identity:SigningKeyPath"] ?? Path.Combine(dataRoot, "keys", "token-signing.key")));

    /// <summary>An OIDC issuer's keys are fetched from its metadata, which the token handler reads over https only.</summary>
    private static string? AuthorityFrom(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        return Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps
            ? value
            : throw new ConfigurationException($"Identity:Authority '{value}' must be the OIDC issuer's absolute https URL.");
    }
}
