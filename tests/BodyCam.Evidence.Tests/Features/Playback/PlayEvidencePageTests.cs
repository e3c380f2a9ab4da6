using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BodyCam.Evidence.Tests.Features.Playback;

public sealed class PlayEvidencePageTests(ApiProfile profile) : ConsoleTests(profile)
{
    private Guid _item;

    protected override (string Key, string Value)[] Settings => [("Playback:SessionIdle", "00:00:10")];

    [OneTimeSetUp]
    public async Task SeedVideo() => _item = await WatchableItems.SeedAsync(Api, "pat", "north");

    [Test]
    public async Task A_supervisor_gives_a_reason_the_video_plays_and_the_viewing_is_in_the_items_custody()
    {
        var reason = "Use of force review UOF-" + Guid.NewGuid().ToString("N")[..6];
        await SignInAsync("sam", Roles.Supervisor, "north");
        await Page.GotoAsync($"/evidence/{_item}/watch");
        await Expect(Page.Locator("video")).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "watch-reason");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Watch" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say why you view this item");
        await Expect(Page.Locator("video")).ToHaveCountAsync(0);

        await Page.GetByLabel("Reason for viewing").FillAsync(reason);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Watch" }).ClickAsync();
        await Expect(Page.Locator("video")).ToHaveAttributeAsync("src", $"/api/evidence/{_item}/content?reason={Uri.EscapeDataString(reason)}");
        await WatchableItems.PlayPastAsync(Page, 1);
        await Expect(Page.Locator("svg.track-grid polyline")).ToHaveAttributeAsync("points", new System.Text.RegularExpressions.Regex(@"^([\d.]+,[\d.]+ ){4}[\d.]+,[\d.]+$"));
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "watch-player");

        var viewed = await ContentViewedAsync(reason);
        Assert.That(viewed.ActorId, Is.EqualTo("sam"));
        Assert.That(viewed.Reason, Does.Contain("; reason: " + reason));
    }

    [Test]
    public async Task A_supervisor_gives_the_reason_and_bookmarks_a_moment_by_keyboard_alone()
    {
        var label = "Hands raised " + Guid.NewGuid().ToString("N")[..6];
        await SignInAsync("sam", Roles.Supervisor, "north");
        await Page.GotoAsync($"/evidence/{_item}/watch");

        await KeyboardNavigation.TabToAsync(Page, Page.GetByLabel("Reason for viewing"));
        await Page.Keyboard.TypeAsync("Complaint review C-2026-17");
        await Page.Keyboard.PressAsync("Enter");
        await KeyboardNavigation.TabToAsync(Page, Page.GetByLabel("Position (seconds from the start)"));
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.TypeAsync("7.5");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(label);
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Bookmark “{label}” added at 0:07.5.");
        var mark = Page.GetByRole(AriaRole.Button, new() { Name = $"0:07.5 · {label}" });
        await KeyboardNavigation.TabToAsync(Page, mark);
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForFunctionAsync("() => Math.abs(document.querySelector('video').currentTime - 7.5) < 0.1");
    }

    [Test]
    public async Task An_officer_of_another_unit_is_refused_the_player_and_the_refusal_is_recorded()
    {
        var officer = "olly-" + Guid.NewGuid().ToString("N")[..6];
        await SignInAsync(officer, Roles.Officer, "south");

        await Page.GotoAsync($"/evidence/{_item}/watch?reason=Curiosity");

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("recorded in the custody log");
        await Expect(Page.Locator("video")).ToHaveCountAsync(0);
        await using var db = Api.OpenDb();
        Assert.That(await db.CustodyEvents.CountAsync(e => e.ActorId == officer && e.EvidenceId == _item && e.Action == CustodyAction.AccessDenied), Is.EqualTo(1));
    }

    /// <summary>
    /// Runs the closing job, as it runs every minute, until the viewing's session has been idle past
    /// Playback:SessionIdle and is closed into its one custody event.
    /// </summary>
    private async Task<CustodyEvent> ContentViewedAsync(string reason)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await Api.Services.CloseIdleViewSessionsAsync();
            await using var db = Api.OpenDb();
            var views = await db.ContentViewsAsync(_item, reason);
            if (views.Count > 0 || DateTime.UtcNow > deadline)
            {
                Assert.That(views, Has.Count.EqualTo(1), "one viewing, one ContentViewed event");
                return views[0];
            }
            await Task.Delay(500);
        }
    }
}
