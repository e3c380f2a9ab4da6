using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Docks;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.Docks;

public sealed class DocksPageTests(ApiProfile profile) : ConsoleTests(profile)
{
    [Test]
    public async Task An_admin_registers_a_dock_by_keyboard_and_sees_its_key_once()
    {
        var name = "Dock " + Guid.NewGuid().ToString("N")[..8];
        await SignInAsync("ada", Roles.Admin);
        await Page.GotoAsync("/admin/docks");

        await KeyboardNavigation.TabToAsync(Page, Page.GetByLabel("Dock name"));
        await Page.Keyboard.TypeAsync(name);
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync("North precinct");
        await Page.Keyboard.PressAsync("Enter");

        var key = Page.GetByLabel(new System.Text.RegularExpressions.Regex("^Key of dock "));
        await Assertions.Expect(Page.GetByText("It will not be shown again")).ToBeVisibleAsync();
        var shownKey = await key.InputValueAsync();
        await using (var db = Api.OpenDb())
        {
            var dock = await db.Docks.SingleAsync(d => d.Name == name);
            Assert.That((dock.KeySha256, dock.Site, dock.RegisteredBy), Is.EqualTo((Dock.HashKey(shownKey), "North precinct", "ada")));
        }
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "admin-docks");

        await Page.GotoAsync("/admin/docks");
        await Assertions.Expect(Page.GetByRole(AriaRole.Cell, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(key).ToHaveCountAsync(0);
        Assert.That(await Page.ContentAsync(), Does.Not.Contain(shownKey));
    }

    [Test]
    public async Task A_supervisor_opening_the_docks_gets_the_refusal_page_and_the_attempt_is_recorded()
    {
        var subject = "sup-" + Guid.NewGuid().ToString("N")[..8];
        await SignInAsync(subject, Roles.Supervisor, "north");

        await Page.GotoAsync("/admin/docks");

        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("recorded in the custody log");
        await Accessibility.AssertNoViolationsAsync(Page);
        await using var db = Api.OpenDb();
        var denial = await db.CustodyEvents.SingleAsync(e => e.ActorId == subject && e.Action == CustodyAction.AccessDenied);
        Assert.That((denial.Outcome, denial.ActorRole), Is.EqualTo((CustodyOutcome.Denied, Roles.Supervisor)));
    }

    [Test]
    public async Task An_admin_opens_the_job_dashboard_from_the_console()
    {
        await SignInAsync("ada", Roles.Admin);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Jobs" }).ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/hangfire$"));
        await Assertions.Expect(Page.GetByText("Recurring jobs").First).ToBeVisibleAsync();
    }
}
