using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Infrastructure.Identity;

/// <summary>
/// With an <see cref="Authority"/>, tokens come from that OIDC issuer and people sign in to the console there
/// (code flow with PKCE, as <see cref="ClientId"/>); without one, tokens come from the local issuer whose key is kept
/// at <see cref="LocalSigningKeyPath"/> and the console offers a development sign-in.
/// </summary>
public sealed record IdentitySettings(
    string? Authority,
    string Audience,
    string LocalSigningKeyPath,
    string ClientId,
    string? ClientSecret,
    string RoleClaim,
    string UnitClaim,
    bool RequireHttpsMetadata,
    TimeSpan SessionIdle)
{
    public bool UsesLocalIssuer => string.IsNullOrEmpty(Authority);

    public static IdentitySettings From(IConfiguration configuration, string dataRoot)
    {
        var requireHttps = configuration.Value("Identity:RequireHttpsMetadata", true);
        var sessionIdle = configuration.Value("Identity:SessionIdle", TimeSpan.FromMinutes(30));
        if (sessionIdle <= TimeSpan.Zero)
        {
            throw new ConfigurationException($"Identity:SessionIdle is '{configuration["Identity:SessionIdle"]}'; it must be a positive duration, such as 00:30:00.");
        }
        return new(
            AuthorityFrom(configuration["Identity:Authority"], requireHttps),
            configuration["Identity:Audience"] ?? "bodycam-evidence",
            Path.GetFullPath(configuration["Identity:SigningKeyPath"] ?? Path.Combine(dataRoot, "keys", "token-signing.key")),
            NonEmpty(configuration["Identity:ClientId"]) ?? "bodycam-evidence",
            NonEmpty(configuration["Identity:ClientSecret"]),
            NonEmpty(configuration["Identity:RoleClaim"]) ?? EvidenceClaims.Role,
            NonEmpty(configuration["Identity:UnitClaim"]) ?? EvidenceClaims.Unit,
            requireHttps,
            sessionIdle);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>
    /// An OIDC issuer's keys are fetched from its metadata, which is read over https only, unless
    /// Identity:RequireHttpsMetadata is false (a provider on the same machine, as in the tests).
    /// </summary>
    private static string? AuthorityFrom(string? value, bool requireHttps)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        var valid = Uri.TryCreate(value, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || (!requireHttps && url.Scheme == Uri.UriSchemeHttp));
        return valid
            ? value
            : throw new ConfigurationException(requireHttps
                ? $"Identity:Authority '{value}' must be the OIDC issuer's absolute https URL (http only with Identity:RequireHttpsMetadata false)."
                : $"Identity:Authority '{value}' must be the OIDC issuer's absolute URL.");
    }
}
