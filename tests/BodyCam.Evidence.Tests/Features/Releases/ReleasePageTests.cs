using System.Net.Http.Json;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BodyCam.Evidence.Tests.Features.Releases;

/// <summary>
/// A release in the console: one custodian opens the case, extends it, draws the redaction and approves the release;
/// a second approves the clip and publishes; then anyone, signed in or not, opens the public page and plays the video.
/// The list tells every reader the days left in words.
/// </summary>
public sealed class ReleasePageTests(ApiProfile profile) : ConsoleTests(profile)
{
    private const string Title = "Shooting at Fifth and Main";

    private Guid _item;

    protected override (string Key, string Value)[] Settings => [("Public:Enabled", "true")];

    [OneTimeSetUp]
    public async Task AddVideo() => _item = await ClipExportVideo.AddVideoAsync(Api);

    [Test]
    public async Task Two_custodians_take_a_case_from_opening_to_publication_and_anyone_plays_the_public_page()
    {
        var cora = Name("cora");
        var cody = Name("cody");
        await SignInAsync(cora, Roles.Custodian);
        await Page.GotoAsync("/releases/new");
        await Page.GetByLabel("Public title").FillAsync(Title);
        await Page.GetByLabel("Public description").FillAsync("Officers fired at a man who drove at them in a parking lot; he was wounded.");
        await Page.GetByLabel("Incident time (UTC)").FillAsync(DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-ddTHH:mm"));
        await Page.GetByLabel("Release rule").SelectOptionAsync("CA-AB748");
        await Page.GetByLabel("Evidence items").FillAsync(_item.ToString());
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "release-new");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open the case" }).ClickAsync();
        await Expect(Page.GetByText("35 days left")).ToBeVisibleAsync();
        var caseId = Guid.Parse(Page.Url.Split('/')[^1]);

        await Page.GetByLabel("Reason for the extension").FillAsync("Disclosure would interfere with the active investigation");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Extend by one step" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Extended: now due");
        await Expect(Page.GetByText("65 days left")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = $"Prepare a redacted clip of {_item}" }).ClickAsync();
        await Page.GetByLabel("Start (seconds)", new() { Exact = true }).FillAsync("1");
        await Page.GetByLabel("End (seconds)", new() { Exact = true }).FillAsync("5");
        await Page.DragOnFrameAsync(from: (40, 20), to: (140, 100));
        await Expect(Page.GetByLabel("Rectangle 1 width (pixels)")).ToHaveValueAsync("100");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "release-clip-new");
        await Page.GetByLabel("Mute 1 start (seconds)").FillAsync("2");
        await Page.GetByLabel("Mute 1 end (seconds)").FillAsync("3");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ask for the clip" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("is waiting for another supervisor's or custodian's approval");
        var clipId = await ClipOfAsync(caseId);
        await Expect(Page.GetByText($"Requested (needs someone other than {cora})")).ToBeVisibleAsync();

        var second = await OpenAnotherPageAsync();
        await SignInAsync(second, cody, Roles.Custodian);
        await second.GotoAsync($"/clip-requests/{clipId}");
        await second.GetByLabel("Reason for approving").FillAsync("Bystanders' faces blurred");
        await second.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await ClipExportVideo.WaitUntilDoneAsync(Api.ClientFor(Roles.Custodian, cora), clipId);

        await Page.ReloadAsync();
        await Page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Redactions checked against the recording");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Approve for release" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Approved: another custodian publishes it.");
        await Expect(Page.GetByText($"Needs a custodian other than {cora}, who approved it.")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Publish" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "release-case-approved");

        await second.GotoAsync($"/releases/{caseId}");
        await second.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Published at /public/releases/{caseId}/.");
        await Expect(second.GetByText("Released on time")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(second);
        await Screenshots.TakeAsync(second, "release-case-published");

        var visitor = await OpenAnotherPageAsync();
        await visitor.GotoAsync("/public/releases");
        await Accessibility.AssertNoViolationsAsync(visitor);
        await Screenshots.TakeAsync(visitor, "public-releases");
        await visitor.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 })).ToBeVisibleAsync();
        var video = visitor.Locator("video");
        await Expect(video).ToHaveAttributeAsync("src", "clip-1.mp4");
        await visitor.WaitForFunctionAsync("() => document.querySelector('video').readyState >= 1");
        Assert.That(await video.EvaluateAsync<double>("v => v.duration"), Is.EqualTo(4).Within(0.2), "the page plays the 4-second redacted clip");
        // The served page runs no script, its sandbox stops axe's timers too: axe reads the same markup outside the sandbox.
        var markup = await OpenAnotherPageAsync();
        await markup.SetContentAsync(await visitor.ContentAsync());
        await Accessibility.AssertNoViolationsAsync(markup);
        await Screenshots.TakeAsync(visitor, "public-release");
        Assert.That(await visitor.Context.CookiesAsync(), Is.Empty, "the public pages set no cookie");
    }

    [Test]
    public async Task The_list_says_in_words_which_cases_are_overdue_or_due_soon_and_filters_by_keyboard()
    {
        var custodian = Api.ClientFor(Roles.Custodian, "cora");
        foreach (var daysAgo in new[] { 50, 40, 2 })
        {
            (await custodian.PostAsJsonAsync("/api/release-cases", new
            {
                title = $"Incident {daysAgo} days ago",
                description = "Use of force during an arrest.",
                incidentAt = DateTimeOffset.UtcNow.AddDays(-daysAgo),
                rule = "CA-AB748",
                evidenceIds = new[] { _item },
            })).EnsureSuccessStatusCode();
        }
        await SignInAsync(Name("aud"), Roles.Auditor);
        await Page.GotoAsync("/releases");
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Incident 50 days ago" })).ToContainTextAsync("Overdue by 5 days");
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Incident 40 days ago" })).ToContainTextAsync("5 days left");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Open a release case" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "releases");

        await KeyboardNavigation.TabToAsync(Page, Page.GetByLabel("Show"));
        await Page.Keyboard.PressAsync("End");
        await KeyboardNavigation.TabToAsync(Page, Page.GetByRole(AriaRole.Button, new() { Name = "Show" }));
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("deadline=overdue", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Incident 40 days ago" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Incident 50 days ago" })).ToHaveCountAsync(1);
    }

    private static string Name(string person) => $"{person}-{Guid.NewGuid():N}"[..(person.Length + 7)];

    private async Task<Guid> ClipOfAsync(Guid caseId)
    {
        await using var db = Api.OpenDb();
        return await db.ReleaseClips.Where(c => c.CaseId == caseId).Select(c => c.ClipRequestId).SingleAsync();
    }
}
