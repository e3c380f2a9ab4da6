using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.Audit;

public sealed class AuditTrailPageTests(ApiProfile profile) : ConsoleTests(profile)
{
    [Test]
    public async Task An_auditor_filters_the_trail_by_actor_and_downloads_the_same_search_as_CSV()
    {
        var refused = "sup-" + Guid.NewGuid().ToString("N")[..8];
        (await Api.ClientFor(Roles.Supervisor, refused).PostJsonAsync("/api/docks", new { name = "Rogue dock" })).Dispose();
        await SignInAsync("aud", Roles.Auditor);

        await Page.GotoAsync("/audit");
        await Page.GetByLabel("Actor").FillAsync(refused);
        await Page.GetByLabel("Outcome").SelectOptionAsync("Denied");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        var rows = Page.GetByRole(AriaRole.Table).Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("AccessDenied");
        await Assertions.Expect(rows.First).ToContainTextAsync(refused);
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "audit-trail");

        var download = await Page.RunAndWaitForDownloadAsync(() =>
            Page.GetByRole(AriaRole.Link, new() { Name = "Download CSV of this search" }).ClickAsync());
        var csv = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.That(download.SuggestedFilename, Is.EqualTo("audit-trail.csv"));
        Assert.That(csv[0], Does.StartWith("index,time,actorId,actorKind,actorRole,clientIp,action,evidenceId"));
        Assert.That(csv.Skip(1).ToList(), Has.Count.EqualTo(1).And.All.Contains($",{refused},").And.All.Contains(",AccessDenied,").And.All.EndsWith(",Denied"));
    }
}
