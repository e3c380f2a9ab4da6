using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Support.Browser;

/// <summary>
/// A console fixture whose server signs people in at the local OpenID provider, as a client registered for the
/// port it listens on (reserved before it starts, since Identity:ClientId is read at start), with a clock the
/// tests move. Cookies do not tell ports apart: the provider's and the server's, both on 127.0.0.1, reach each
/// other; each test's browser context of its own keeps another server's session from reaching this one.
/// </summary>
public abstract class OpenIdConsoleTests(ApiProfile profile) : ConsoleTests(profile)
{
    protected MovableClock Clock { get; } = new();

    /// <summary>A confidential client signs its token requests with a secret (Identity:ClientSecret); a public one has PKCE alone.</summary>
    protected virtual bool Confidential => false;

    protected override async Task<EvidenceApiFactory> StartServerAsync()
    {
        var port = EvidenceApiFactory.FreeLoopbackPort();
        var client = await OpenIdProvider.RegisterClientAsync(new Uri($"http://127.0.0.1:{port}/"), Confidential);
        (string Key, string Value)[] identity =
        [
            ("Identity:Authority", OpenIdProvider.Issuer.GetLeftPart(UriPartial.Authority)),
            ("Identity:RequireHttpsMetadata", "false"),
            ("Identity:ClientId", client.ClientId),
            .. client.ClientSecret is { } secret ? [("Identity:ClientSecret", secret)] : Array.Empty<(string, string)>(),
        ];
        return await EvidenceApiFactory.StartAsync(Profile, port, services => services.AddSingleton<TimeProvider>(Clock), [.. identity, .. Settings]);
    }

    /// <summary>Opens the console, which sends the browser to the provider, and signs in there as <paramref name="person"/>.</summary>
    protected async Task SignInAtProviderAsync(OpenIdPerson person)
    {
        await Page.GotoAsync("/");
        await SubmitProviderLoginAsync(person);
    }

    protected async Task SubmitProviderLoginAsync(OpenIdPerson person)
    {
        await Assertions.Expect(Page).ToHaveTitleAsync("Sign in - local OpenID provider");
        await Page.GetByLabel("User name").FillAsync(person.Login);
        await Page.GetByLabel("Password").FillAsync(person.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
