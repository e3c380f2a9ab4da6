using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BodyCam.Evidence.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace BodyCam.Evidence.Tests.Infrastructure.Identity;

/// <summary>
/// The local OpenID provider the sign-in tests use, driven without a browser: an HttpClient follows its redirects
/// and submits its forms, and stops where the provider sends the user back to an application that is not running.
/// </summary>
public sealed partial class LocalOpenIdProviderTests
{
    private static readonly Uri Application = new("http://127.0.0.1:5999/");
    private static readonly Uri Callback = new(Application, "signin-oidc");

    [Test]
    public async Task Discovery_names_the_issuer_PKCE_registration_and_sign_out()
    {
        var configuration = await DiscoverAsync();

        Assert.That(configuration.Issuer, Is.EqualTo(OpenIdProvider.Issuer.ToString().TrimEnd('/')));
        Assert.That(configuration.CodeChallengeMethodsSupported, Is.EqualTo(new[] { "S256" }));
        Assert.That(configuration.RegistrationEndpoint, Is.Not.Empty);
        Assert.That(configuration.EndSessionEndpoint, Is.Not.Empty);
        Assert.That(configuration.SigningKeys, Is.Not.Empty);
    }

    [Test]
    public async Task A_public_client_is_registered_without_a_secret_and_a_confidential_one_with_one()
    {
        var publicClient = await OpenIdProvider.RegisterClientAsync(Application);
        var confidentialClient = await OpenIdProvider.RegisterClientAsync(Application, confidential: true);

        Assert.That(publicClient.ClientId, Is.Not.Empty);
        Assert.That(publicClient.ClientSecret, Is.Null);
        Assert.That(confidentialClient.ClientId, Is.Not.Empty.And.Not.EqualTo(publicClient.ClientId));
        Assert.That(confidentialClient.ClientSecret, Is.Not.Empty);
    }

    [TestCaseSource(typeof(OpenIdProvider), nameof(OpenIdProvider.People))]
    public async Task Code_flow_with_PKCE_signs_a_person_in_with_their_role_and_unit_in_id_token_and_userinfo(OpenIdPerson person)
    {
        var client = await OpenIdProvider.RegisterClientAsync(Application);
        using var agent = new UserAgent();

        var tokens = await agent.SignInAsync(client, person, person.Password);

        var idToken = await ValidateIdTokenAsync(client, tokens.GetProperty("id_token").GetString()!);
        Assert.That(idToken.Subject, Is.EqualTo(person.Login));
        Assert.That(idToken.GetClaim("name").Value, Is.EqualTo(person.Name));
        Assert.That(ValuesOf(idToken, person.RoleClaim), Is.EqualTo(Optional(person.Role)));
        Assert.That(ValuesOf(idToken, person.UnitClaim), Is.EqualTo(Optional(person.Unit)));
        var userInfo = await agent.UserInfoAsync(tokens.GetProperty("access_token").GetString()!);
        Assert.That(userInfo.GetProperty("sub").GetString(), Is.EqualTo(person.Login));
        Assert.That(ValuesOf(userInfo, person.RoleClaim), Is.EqualTo(Optional(person.Role)));
        Assert.That(ValuesOf(userInfo, person.UnitClaim), Is.EqualTo(Optional(person.Unit)));
    }

    [Test]
    public async Task A_confidential_client_redeems_its_code_only_with_its_secret()
    {
        var client = await OpenIdProvider.RegisterClientAsync(Application, confidential: true);
        using var agent = new UserAgent();
        var authorization = await agent.AuthorizeAsync(client, OpenIdProvider.Custodian, OpenIdProvider.Custodian.Password);

        var withoutSecret = await agent.RedeemAsync(client with { ClientSecret = "not-its-secret" }, authorization);
        var withSecret = await agent.RedeemAsync(client, authorization);

        Assert.That(withoutSecret.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(withSecret.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_wrong_password_shows_the_form_again_and_sends_nobody_back_to_the_client()
    {
        var client = await OpenIdProvider.RegisterClientAsync(Application);
        using var agent = new UserAgent();
        var loginPage = await agent.OpenLoginPageAsync(client, Pkce.Create());

        var response = await agent.SubmitAsync(loginPage, "/login", new() { ["login"] = "sam", ["password"] = "olga" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Wrong user name or password.").And.Contain("name=\"password\""));
    }

    [Test]
    public async Task Cancelling_the_sign_in_returns_access_denied_to_the_client()
    {
        var client = await OpenIdProvider.RegisterClientAsync(Application);
        using var agent = new UserAgent();
        var loginPage = await agent.OpenLoginPageAsync(client, Pkce.Create());

        var callback = await agent.FollowToApplicationAsync(await agent.SubmitAsync(loginPage, "/abort", []));

        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.That(callback.GetLeftPart(UriPartial.Path), Is.EqualTo(Callback.ToString()));
        Assert.That(query["error"].ToString(), Is.EqualTo("access_denied"));
        Assert.That(query["state"].ToString(), Is.EqualTo(UserAgent.State));
        Assert.That(query.ContainsKey("code"), Is.False);
    }

    [Test]
    public async Task An_authorization_request_without_PKCE_is_refused()
    {
        var client = await OpenIdProvider.RegisterClientAsync(Application, confidential: true);
        using var agent = new UserAgent();

        var callback = await agent.FollowToApplicationAsync(await agent.GetAsync(UserAgent.AuthorizationUri(client, codeChallenge: null)));

        Assert.That(QueryHelpers.ParseQuery(callback.Query)["error"].ToString(), Is.EqualTo("invalid_request"));
    }

    [Test]
    public async Task Sign_out_ends_the_session_and_returns_to_the_clients_post_logout_uri()
    {
        var client = await OpenIdProvider.RegisterClientAsync(Application);
        using var agent = new UserAgent();
        var tokens = await agent.SignInAsync(client, OpenIdProvider.Admin, OpenIdProvider.Admin.Password);
        var signOutUri = QueryHelpers.AddQueryString(new Uri(OpenIdProvider.Issuer, "session/end").ToString(), new Dictionary<string, string?>
        {
            ["id_token_hint"] = tokens.GetProperty("id_token").GetString(),
            ["post_logout_redirect_uri"] = new Uri(Application, "signout-callback-oidc").ToString(),
            ["state"] = "signed-out",
        });

        var confirmation = await agent.GetAsync(new Uri(signOutUri));
        var returned = await agent.FollowToApplicationAsync(await agent.SubmitFormAsync(confirmation));
        var nextSignIn = await agent.GetAsync(UserAgent.AuthorizationUri(client, Pkce.Create().Challenge));

        Assert.That(returned.GetLeftPart(UriPartial.Path), Is.EqualTo(new Uri(Application, "signout-callback-oidc").ToString()));
        Assert.That(QueryHelpers.ParseQuery(returned.Query)["state"].ToString(), Is.EqualTo("signed-out"));
        Assert.That(nextSignIn.Headers.Location!.ToString(), Does.StartWith("/interaction/"), "the provider asks for a login again");
    }

    private static Task<OpenIdConnectConfiguration> DiscoverAsync() =>
        OpenIdConnectConfigurationRetriever.GetAsync(
            new Uri(OpenIdProvider.Issuer, ".well-known/openid-configuration").ToString(),
            new HttpDocumentRetriever { RequireHttps = false },
            CancellationToken.None);

    /// <summary>Validated as the server's own libraries validate it: issuer, audience, lifetime, the provider's keys.</summary>
    private static async Task<JsonWebToken> ValidateIdTokenAsync(OpenIdClient client, string idToken)
    {
        var configuration = await DiscoverAsync();
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = client.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
        });
        Assert.That(result.IsValid, Is.True, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }

    private static string[] ValuesOf(JsonWebToken token, string claim) =>
        [.. token.Claims.Where(c => c.Type == claim).Select(c => c.Value)];

    private static string[] ValuesOf(JsonElement userInfo, string claim) =>
        !userInfo.TryGetProperty(claim, out var value) ? []
        : value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
        : [value.GetString()!];

    private static string[] Optional(string? value) => value is null ? [] : [value];

    private sealed record Pkce(string Verifier, string Challenge)
    {
        public static Pkce Create()
        {
            var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            return new Pkce(verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
        }
    }

    private sealed record Authorization(string Code, Pkce Pkce);

    /// <summary>A browser reduced to cookies, redirects and form posts.</summary>
    private sealed partial class UserAgent : IDisposable
    {
        public const string State = "state-of-the-test";

        private readonly HttpClient http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

        public static Uri AuthorizationUri(OpenIdClient client, string? codeChallenge)
        {
            var parameters = new Dictionary<string, string?>
            {
                ["client_id"] = client.ClientId,
                ["redirect_uri"] = Callback.ToString(),
                ["response_type"] = "code",
                ["response_mode"] = "query",
                ["scope"] = "openid profile",
                ["state"] = State,
                ["nonce"] = "nonce-of-the-test",
            };
            if (codeChallenge is not null)
            {
                parameters["code_challenge"] = codeChallenge;
                parameters["code_challenge_method"] = "S256";
            }
            return new Uri(QueryHelpers.AddQueryString(new Uri(OpenIdProvider.Issuer, "auth").ToString(), parameters));
        }

        public Task<HttpResponseMessage> GetAsync(Uri uri) => http.GetAsync(uri);

        public async Task<HttpResponseMessage> OpenLoginPageAsync(OpenIdClient client, Pkce pkce)
        {
            var response = await FollowWithinProviderAsync(await http.GetAsync(AuthorizationUri(client, pkce.Challenge)));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the login page");
            return response;
        }

        /// <summary>Posts to the login page's form whose action ends with <paramref name="actionSuffix"/>.</summary>
        public async Task<HttpResponseMessage> SubmitAsync(HttpResponseMessage page, string actionSuffix, Dictionary<string, string> fields)
        {
            var html = await page.Content.ReadAsStringAsync();
            var action = FormAction().Matches(html).Select(m => m.Groups[1].Value).Single(a => a.EndsWith(actionSuffix, StringComparison.Ordinal));
            return await http.PostAsync(new Uri(page.RequestMessage!.RequestUri!, action), new FormUrlEncodedContent(fields));
        }

        /// <summary>Posts the page's only form with its hidden fields, as the page's script would.</summary>
        public async Task<HttpResponseMessage> SubmitFormAsync(HttpResponseMessage page)
        {
            var html = await page.Content.ReadAsStringAsync();
            var action = FormAction().Matches(html).Single().Groups[1].Value;
            var fields = HiddenField().Matches(html).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            return await http.PostAsync(new Uri(page.RequestMessage!.RequestUri!, action), new FormUrlEncodedContent(fields));
        }

        public async Task<Authorization> AuthorizeAsync(OpenIdClient client, OpenIdPerson person, string password)
        {
            var pkce = Pkce.Create();
            var loginPage = await OpenLoginPageAsync(client, pkce);
            var callback = await FollowToApplicationAsync(
                await SubmitAsync(loginPage, "/login", new() { ["login"] = person.Login, ["password"] = password }));
            var query = QueryHelpers.ParseQuery(callback.Query);
            Assert.That(query["state"].ToString(), Is.EqualTo(State));
            Assert.That(query["iss"].ToString(), Is.EqualTo(OpenIdProvider.Issuer.ToString().TrimEnd('/')));
            return new Authorization(query["code"].ToString(), pkce);
        }

        public async Task<HttpResponseMessage> RedeemAsync(OpenIdClient client, Authorization authorization)
        {
            var fields = new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = authorization.Code,
                ["redirect_uri"] = Callback.ToString(),
                ["client_id"] = client.ClientId,
                ["code_verifier"] = authorization.Pkce.Verifier,
            };
            if (client.ClientSecret is not null)
            {
                fields["client_secret"] = client.ClientSecret;
            }
            return await http.PostAsync(new Uri(OpenIdProvider.Issuer, "token"), new FormUrlEncodedContent(fields));
        }

        public async Task<JsonElement> SignInAsync(OpenIdClient client, OpenIdPerson person, string password)
        {
            var response = await RedeemAsync(client, await AuthorizeAsync(client, person, password));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        public async Task<JsonElement> UserInfoAsync(string accessToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(OpenIdProvider.Issuer, "me"));
            request.Headers.Authorization = new("Bearer", accessToken);
            using var response = await http.SendAsync(request);
            return await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        }

        /// <summary>Follows redirects to the point where the provider sends the browser back to the application.</summary>
        public async Task<Uri> FollowToApplicationAsync(HttpResponseMessage response)
        {
            response = await FollowWithinProviderAsync(response);
            var location = RedirectTarget(response);
            Assert.That(location?.ToString(), Does.StartWith(Application.ToString()), "a redirect to the application");
            return location!;
        }

        private async Task<HttpResponseMessage> FollowWithinProviderAsync(HttpResponseMessage response)
        {
            while (RedirectTarget(response) is { } next && next.Authority == OpenIdProvider.Issuer.Authority)
            {
                response = await http.GetAsync(next);
            }
            return response;
        }

        private static Uri? RedirectTarget(HttpResponseMessage response) =>
            response.Headers.Location is { } location && (int)response.StatusCode is >= 300 and < 400
                ? new Uri(response.RequestMessage!.RequestUri!, location)
                : null;

        public void Dispose() => http.Dispose();

        [GeneratedRegex("<form[^>]* action=\"([^\"]+)\"")]
        private static partial Regex FormAction();

        [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
        private static partial Regex HiddenField();
    }
}
