using System.Net.Http.Json;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BodyCam.Evidence.Tests.Features.Releases;

/// <summary>
/// Release cases in the console: a custodian opens a case, extends it with its reason and draws the redaction of its
/// clip on the item's frame; the list tells every reader the days left in words.
/// </summary>
public sealed class ReleasePageTests(ApiProfile profile) : ConsoleTests(profile)
{
    private const string Title = "Shooting at Fifth and Main";

    private Guid _item;

    protected override (string Key, string Value)[] Settings => [("Public:Enabled", "true")];

    [OneTimeSetUp]
    public async Task AddVideo() => _item = await ClipExportVideo.AddVideoAsync(Api);

    [Test]
    public async Task A_custodian_opens_a_case_extends_it_with_a_reason_and_draws_the_redaction_of_its_clip()
    {
        var cora = Name("cora");
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

        await Page.GetByLabel("Reason for the extension").FillAsync("Disclosure would interfere with the active investigation");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Extend by one step" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Extended: now due");
        await Expect(Page.GetByText("65 days left")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = $"Prepare a redacted clip of {_item}" }).ClickAsync();
        await Page.GetByLabel("Start (seconds)", new() { Exact = true }).FillAsync("1");
        await Page.GetByLabel("End (seconds)", new() { Exact = true }).FillAsync("5");
        await DragOnFrameAsync(from: (40, 20), to: (140, 100));
        await Expect(Page.GetByLabel("Rectangle 1 width (pixels)")).ToHaveValueAsync("100");
        await Page.GetByLabel("Mute 1 start (seconds)").FillAsync("2");
        await Page.GetByLabel("Mute 1 end (seconds)").FillAsync("3");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "release-clip-new");
        await Expect(Page.GetByLabel("Mute 1 end (seconds)")).ToHaveValueAsync("3");
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

    /// <summary>Drags with the mouse between two points of the recorded 320×240 frame, on the drawing's scale.</summary>
    private async Task DragOnFrameAsync((float X, float Y) from, (float X, float Y) to)
    {
        var frame = Page.GetByRole(AriaRole.Img, new() { Name = "The recorded frame, blank, with the rectangles to blur" });
        await frame.ScrollIntoViewIfNeededAsync();
        var box = (await frame.BoundingBoxAsync())!;
        var scale = box.Width / 320;
        await Page.Mouse.MoveAsync(box.X + from.X * scale, box.Y + from.Y * scale);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(box.X + to.X * scale, box.Y + to.Y * scale, new() { Steps = 8 });
        await Page.Mouse.UpAsync();
    }
}
