using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Features.Playback;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BodyCam.Evidence.Tests.Features.Review;

public sealed class ReviewActionsPageTests(ApiProfile profile) : ConsoleTests(profile)
{
    private Guid _item;

    [OneTimeSetUp]
    public async Task SeedVideo()
    {
        _item = await WatchableItems.SeedAsync(Api, "rita", "east");
        (await Api.ClientFor(Roles.Admin, "ada").PostAsJsonAsync("/api/categories", new { name = "Traffic stop", retentionDays = 365 })).EnsureSuccessStatusCode();
        (await Api.ClientFor(Roles.Custodian, "cody").PutAsJsonAsync("/api/cases/CR-2026-0042", new { title = "Harbour Road stop" })).EnsureSuccessStatusCode();
    }

    [Test]
    public async Task A_supervisor_bookmarks_the_players_position_notes_reviews_categorises_and_links_a_case()
    {
        await SignInAsync("sue", Roles.Supervisor, "east");
        await Page.GotoAsync($"/evidence/{_item}/watch?reason=Routine%20review");
        await WatchableItems.PlayPastAsync(Page, 2);
        var position = await Page.Locator("video").EvaluateAsync<double>("video => video.currentTime");
        await Expect(Page.GetByLabel("Position (seconds from the start)")).ToHaveValueAsync(position.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));

        await Page.GetByLabel("Label", new() { Exact = true }).FillAsync("Driver steps out");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add bookmark" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Bookmark “Driver steps out” added");
        await Expect(Page.Locator("#timeline").GetByRole(AriaRole.Button, new() { NameRegex = new("Driver steps out$") })).ToBeVisibleAsync();

        await Page.GetByLabel("Note", new() { Exact = true }).FillAsync("Camera view blocked at the start.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(Page.Locator("#notes li")).ToContainTextAsync("sue");
        await Expect(Page.Locator("#notes li")).ToContainTextAsync("Camera view blocked at the start.");

        await Page.GetByLabel("Outcome").SelectOptionAsync("TrainingNeeded");
        await Page.GetByLabel("Comment (optional)").FillAsync("Refresher on stops.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record review" }).ClickAsync();
        await Expect(Page.Locator("#reviews li")).ToContainTextAsync("TrainingNeeded by sue");

        await Page.GetByLabel("Traffic stop").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save categories" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Categories now: Traffic stop.");
        await Expect(Page.Locator("#timeline")).ToContainTextAsync("Categories: Traffic stop");

        await Page.GetByLabel("Case number").FillAsync("CR-2026-0042");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Link to case" }).ClickAsync();
        await Expect(Page.Locator("#cases li")).ToHaveTextAsync("CR-2026-0042: Harbour Road stop (Open)");
        await Accessibility.AssertNoViolationsAsync(Page);

        await using var db = Api.OpenDb();
        var actions = await db.CustodyEvents.Where(e => e.ActorId == "sue" && e.EvidenceId == _item).Select(e => e.Action).ToListAsync();
        Assert.That(actions, Is.SupersetOf(new[]
        {
            CustodyAction.BookmarkAdded, CustodyAction.NoteAdded, CustodyAction.Reviewed, CustodyAction.CaseLinked,
        }));
    }

    [Test]
    public async Task A_bookmark_past_the_end_of_the_media_comes_back_with_the_reason_and_is_recorded_as_refused()
    {
        await SignInAsync("sue", Roles.Supervisor, "east");
        await Page.GotoAsync($"/evidence/{_item}/watch?reason=Routine%20review");

        await Page.GetByLabel("Position (seconds from the start)").FillAsync("99");
        await Page.GetByLabel("Label", new() { Exact = true }).FillAsync("Too late");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add bookmark" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The media lasts");
        await Expect(Page.GetByLabel("Label", new() { Exact = true })).ToHaveValueAsync("Too late");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Back to the player" }).ClickAsync();
        await Expect(Page.Locator("video")).ToBeVisibleAsync();
        await using var db = Api.OpenDb();
        Assert.That(await db.CustodyEvents.CountAsync(e => e.ActorId == "sue" && e.Action == CustodyAction.RequestRefused && e.Reason!.Contains("/bookmarks")), Is.EqualTo(1));
        Assert.That(await db.EvidenceBookmarks.CountAsync(b => b.EvidenceId == _item && b.Label == "Too late"), Is.Zero);
    }
}
