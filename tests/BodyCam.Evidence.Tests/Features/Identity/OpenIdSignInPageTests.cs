using System.Net;
using System.Text.RegularExpressions;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.Identity;

/// <summary>People sign in to the console at a real OpenID provider, as a public client with PKCE.</summary>
public sealed class OpenIdSignInPageTests(ApiProfile profile) : OpenIdConsoleTests(profile)
{
    private static readonly TimeSpan SessionIdle = TimeSpan.FromMinutes(5);

    protected override (string Key, string Value)[] Settings => [("Identity:SessionIdle", SessionIdle.ToString())];

    [Test]
    public async Task A_supervisor_signs_in_at_the_provider_with_PKCE_and_the_sign_in_is_recorded()
    {
        var authorize = Page.WaitForRequestAsync(request => request.Url.StartsWith(new Uri(OpenIdProvider.Issuer, "auth").ToString(), StringComparison.Ordinal));
        await SignInAtProviderAsync(OpenIdProvider.Supervisor);

        await Assertions.Expect(Page.GetByText("Signed in as Sam Supervisor, Supervisor, unit north.")).ToBeVisibleAsync();
        // The provider offers pushed authorization requests (RFC 9126), so the browser carries only their reference;
        // the code challenge went with the pushed request, and the provider refuses any client without PKCE (S256).
        var query = QueryHelpers.ParseQuery(new Uri((await authorize).Url).Query);
        Assert.That(query.Keys, Does.Contain("request_uri").And.No.Contain("code_verifier"));
        var signIn = await EventsOfAsync("sam", CustodyAction.SignedIn);
        Assert.That(signIn.Single().Reason, Does.Contain($"OpenID Connect sign-in at {OpenIdProvider.Issuer.GetLeftPart(UriPartial.Authority)}").And.Contain("unit north"));
    }

    [Test]
    public async Task A_person_the_provider_knows_without_a_role_is_refused_and_the_attempt_recorded()
    {
        await SignInAtProviderAsync(OpenIdProvider.WithoutRole);

        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(new Regex("The sign-in did not succeed, and the attempt has been recorded"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        await using var db = Api.OpenDb();
        Assert.That(
            await db.CustodyEvents.CountAsync(e => e.Action == CustodyAction.AuthenticationFailed && e.Reason!.Contains("nemo") && e.Outcome == CustodyOutcome.Denied),
            Is.EqualTo(1));
        Assert.That(await db.CustodyEvents.CountAsync(e => e.ActorId == "nemo"), Is.Zero);
    }

    [Test]
    public async Task Cancelling_at_the_provider_is_a_failed_sign_in_recorded_in_custody()
    {
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(new Regex("The sign-in did not succeed"));
        await using var db = Api.OpenDb();
        Assert.That(
            await db.CustodyEvents.CountAsync(e => e.Action == CustodyAction.AuthenticationFailed && e.Reason!.Contains("denied")),
            Is.EqualTo(1));
    }

    [Test]
    public async Task A_session_idle_past_the_limit_is_locked_and_the_lock_recorded()
    {
        await SignInAtProviderAsync(OpenIdProvider.Officer);
        await Assertions.Expect(Page.GetByText("Signed in as Olga Officer")).ToBeVisibleAsync();

        Clock.Advance(SessionIdle + TimeSpan.FromMinutes(1));
        await Page.ReloadAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync(new Regex("Your session was locked"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "sign-in-locked");
        var signOut = await EventsOfAsync("olga", CustodyAction.SignedOut);
        Assert.That(signOut.Single().Reason, Does.StartWith("session locked after 5 minutes without activity"));

        // The provider's own session is still open: it must ask for the password all the same.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Sign in with your agency account" }).ClickAsync();
        await SubmitProviderLoginAsync(OpenIdProvider.Officer);
        await Assertions.Expect(Page.GetByText("Signed in as Olga Officer")).ToBeVisibleAsync();
    }

    [Test]
    public async Task Signing_out_ends_the_provider_session_too_so_the_next_sign_in_asks_for_the_login_again()
    {
        await SignInAtProviderAsync(OpenIdProvider.Auditor);
        await Assertions.Expect(Page.GetByText("Signed in as Aud Auditor")).ToBeVisibleAsync();

        var endSession = Page.WaitForRequestAsync(request => request.Url.StartsWith(new Uri(OpenIdProvider.Issuer, "session/end").ToString(), StringComparison.Ordinal));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await endSession;
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/signin\\?signedOut=true$"));
        await Assertions.Expect(Page.GetByText("You are signed out.")).ToBeVisibleAsync();
        Assert.That((await EventsOfAsync("aud", CustodyAction.SignedOut)).Single().Reason, Is.EqualTo("signed out"));

        await SignInAtProviderAsync(OpenIdProvider.Auditor);
        await Assertions.Expect(Page.GetByText("Signed in as Aud Auditor")).ToBeVisibleAsync();
        Assert.That(await EventsOfAsync("aud", CustodyAction.SignedIn), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task With_an_authority_the_development_sign_in_does_not_exist()
    {
        await Page.GotoAsync("/signin");
        await Assertions.Expect(Page).ToHaveTitleAsync("Sign in - local OpenID provider");

        await SubmitProviderLoginAsync(OpenIdProvider.OfficerOfAnotherUnit);
        await Assertions.Expect(Page.GetByText("Signed in as Otto Officer")).ToBeVisibleAsync();
        var antiforgery = await Page.Locator("input[name=__RequestVerificationToken]").GetAttributeAsync("value");
        var posted = await Page.APIRequest.PostAsync("/signin", new()
        {
            Form = Page.APIRequest.CreateFormData()
                .Set("__RequestVerificationToken", antiforgery!).Set("Subject", "mallory").Set("Role", "Admin"),
            MaxRedirects = 0,
        });

        Assert.That(posted.Status, Is.EqualTo((int)HttpStatusCode.NotFound));
        await using var db = Api.OpenDb();
        Assert.That(await db.CustodyEvents.CountAsync(e => e.ActorId == "mallory"), Is.Zero);
    }

    [Test]
    public async Task The_session_cookie_opens_only_the_media_reads_of_the_API()
    {
        await SignInAtProviderAsync(OpenIdProvider.Custodian);
        await Assertions.Expect(Page.GetByText("Signed in as Cora Custodian")).ToBeVisibleAsync();
        var item = Guid.NewGuid();
        using var withoutCookie = new HttpClient { BaseAddress = Api.BaseAddress };

        var poster = await Page.APIRequest.GetAsync($"/api/evidence/{item}/poster");
        var content = await Page.APIRequest.GetAsync($"/api/evidence/{item}/content?reason=review");
        var posterWithoutCookie = await withoutCookie.GetAsync($"/api/evidence/{item}/poster");
        var me = await Page.APIRequest.GetAsync("/api/me");
        var forgedBookmark = await Page.APIRequest.PostAsync($"/api/evidence/{item}/bookmarks", new() { DataObject = new { offsetMs = 0, label = "forged" } });

        Assert.Multiple(() =>
        {
            // Authenticated by the cookie, the media reads get as far as the item, which does not exist.
            Assert.That(poster.Status, Is.EqualTo((int)HttpStatusCode.NotFound));
            Assert.That(content.Status, Is.EqualTo((int)HttpStatusCode.NotFound));
            Assert.That(posterWithoutCookie.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(me.Status, Is.EqualTo((int)HttpStatusCode.Unauthorized));
            Assert.That(forgedBookmark.Status, Is.EqualTo((int)HttpStatusCode.Unauthorized));
        });
    }

    private async Task<List<CustodyEvent>> EventsOfAsync(string subject, CustodyAction action)
    {
        await using var db = Api.OpenDb();
        return await db.CustodyEvents.Where(e => e.ActorId == subject && e.Action == action).ToListAsync();
    }
}
