using System.Text.RegularExpressions;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Cli;
using BodyCam.Evidence.Tests.Features.Playback;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.Console;

/// <summary>
/// The README's first session, step by step: an admin registers a dock and an officer, the dock uploads with the
/// dock CLI, a supervisor finds, watches and bookmarks the recording, and an oversight board requests a clip of it.
/// Its screenshots are the README's.
/// </summary>
public sealed partial class FirstSessionTests(ApiProfile profile) : ConsoleTests(profile)
{
    [Test]
    public async Task A_newcomer_registers_a_dock_uploads_watches_bookmarks_and_requests_a_clip()
    {
        await SignInAsync("ada", Roles.Admin);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Docks" }).First.ClickAsync();
        await Page.GetByLabel("Dock name").FillAsync("North dock 1");
        await Page.GetByLabel("Site (optional)").FillAsync("North precinct");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Register dock" }).ClickAsync();
        var dockKey = await Page.Locator("#dock-key").InputValueAsync();
        Assert.That(dockKey, Does.StartWith("bcdk_"));
        await Screenshots.TakeAsync(Page, "first-session-dock");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Officers" }).First.ClickAsync();
        await Page.GetByLabel("Officer id (badge)").FillAsync("olga");
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Olga Officer");
        await Page.GetByLabel("Unit", new() { Exact = true }).FillAsync("north");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save officer" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Cell, new() { Name = "Olga Officer" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        var recording = Path.Combine(Api.DataRoot, "first-session.mp4");
        await LocalServices.RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=12:size=640x360:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=12", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
            "-movflags", "+faststart", recording);
        var upload = await LocalServices.RunAsync("dotnet", CliTests.CliAssembly, "upload", recording,
            "--server", Api.BaseAddress.ToString(), "--dock-key", dockKey, "--officer", "olga", "--device", "CAM-0001", "--wait-verified");
        Assert.That(upload, Does.Contain("Verified"));

        await SignInAsync("sam", Roles.Supervisor, "north");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Evidence", Exact = true }).First.ClickAsync();
        await Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(ItemPage());
        var item = Guid.Parse(ItemPage().Match(Page.Url).Groups["id"].Value);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Watch" }).ClickAsync();
        await Page.GetByLabel("Reason for viewing").FillAsync("Use of force review, incident 2026-1234");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Watch" }).ClickAsync();
        await WatchableItems.PlayPastAsync(Page, 2);
        await Page.GetByLabel("Label").FillAsync("Subject turns toward the officer");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add bookmark" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Subject turns toward the officer") })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(Page, "first-session-watch");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await SignInAsync("obi", Roles.OversightBoard);
        await Page.GotoAsync($"/clip-requests/new?evidenceId={item}");
        await Page.GetByLabel("Purpose").FillAsync("Civilian complaint 2026-77: the stop and the search");
        await Page.GetByLabel("Start (seconds)", new() { Exact = true }).FillAsync("1");
        await Page.GetByLabel("End (seconds)", new() { Exact = true }).FillAsync("6");
        await Screenshots.TakeAsync(Page, "first-session-clip-request");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/clip-requests/[0-9a-f-]{36}$"));

        await using var db = Api.OpenDb();
        var actions = await db.CustodyEvents.Where(e => e.EvidenceId == item).Select(e => e.Action).ToListAsync();
        Assert.That(actions, Does.Contain(CustodyAction.Verified).And.Contain(CustodyAction.BookmarkAdded).And.Contain(CustodyAction.ClipRequested));
    }

    [GeneratedRegex("/evidence/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex ItemPage();
}
