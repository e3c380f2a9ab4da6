using System.Net.Http.Json;
using System.Text.Json.Serialization;
using BodyCam.Evidence.Infrastructure.Identity;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// The local OpenID provider (npm oidc-provider, deploy/local/oidc/provider.mjs): its people, and a client registered
/// for each application under test, since the application listens on a port of its own. Registrations live in
/// the provider's memory until it restarts.
/// </summary>
public static class OpenIdProvider
{
    public static Uri Issuer => LocalServices.OpenIdIssuer;

    public static OpenIdPerson Supervisor { get; } = new("sam", "Sam Supervisor", Roles.Supervisor, "north");

    public static OpenIdPerson Officer { get; } = new("olga", "Olga Officer", Roles.Officer, "north");

    public static OpenIdPerson OfficerOfAnotherUnit { get; } = new("otto", "Otto Officer", Roles.Officer, "south");

    public static OpenIdPerson Custodian { get; } = new("cora", "Cora Custodian", Roles.Custodian, null);

    public static OpenIdPerson Auditor { get; } = new("aud", "Aud Auditor", Roles.Auditor, null);

    public static OpenIdPerson OversightBoard { get; } = new("obi", "Obi Oversight", Roles.OversightBoard, null);

    public static OpenIdPerson Admin { get; } = new("ada", "Ada Admin", Roles.Admin, null);

    /// <summary>A supervisor whose role comes as a one-element array in `groups` and whose unit comes in `division`.</summary>
    public static OpenIdPerson WithRoleAndUnitUnderOtherClaims { get; } =
        new("gil", "Gil Groups", Roles.Supervisor, "south", RoleClaim: "groups", UnitClaim: "division");

    /// <summary>A person with neither role nor unit: the provider signs them in, the server must not.</summary>
    public static OpenIdPerson WithoutRole { get; } = new("nemo", "Nemo Nobody", null, null);

    public static IReadOnlyList<OpenIdPerson> People { get; } =
    [
        Supervisor, Officer, OfficerOfAnotherUnit, Custodian, Auditor, OversightBoard, Admin,
        WithRoleAndUnitUnderOtherClaims, WithoutRole,
    ];

    /// <summary>
    /// Registers a client whose callbacks are ASP.NET's defaults under <paramref name="application"/>. A confidential
    /// client gets a secret, sent in the token request's body as ASP.NET's handler sends it (client_secret_post);
    /// a public one has none. Both must use PKCE.
    /// </summary>
    public static async Task<OpenIdClient> RegisterClientAsync(Uri application, bool confidential = false)
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync(new Uri(Issuer, "reg"), new
        {
            redirect_uris = new[] { new Uri(application, "signin-oidc") },
            post_logout_redirect_uris = new[] { new Uri(application, "signout-callback-oidc") },
            token_endpoint_auth_method = confidential ? "client_secret_post" : "none",
            grant_types = new[] { "authorization_code" },
            response_types = new[] { "code" },
        });
        var registered = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Registration>();
        return new OpenIdClient(registered!.ClientId, registered.ClientSecret);
    }

    private sealed record Registration(
        [property: JsonPropertyName("client_id")] string ClientId,
        [property: JsonPropertyName("client_secret")] string? ClientSecret);
}

/// <summary>A person the provider knows; the password is the login, anything else is a failed sign-in.</summary>
public sealed record OpenIdPerson(string Login, string Name, string? Role, string? Unit, string RoleClaim = "role", string UnitClaim = "unit")
{
    public string Password => Login;
}

public sealed record OpenIdClient(string ClientId, string? ClientSecret);
