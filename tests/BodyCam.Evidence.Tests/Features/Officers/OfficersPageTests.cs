using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.Officers;

public sealed class OfficersPageTests(ApiProfile profile) : ConsoleTests(profile)
{
    [Test]
    public async Task An_admin_adds_an_officer_to_a_unit_and_then_moves_them()
    {
        var badge = "b-" + Guid.NewGuid().ToString("N")[..6];
        await SignInAsync("ada", Roles.Admin);
        await Page.GotoAsync("/admin/officers");

        await Page.GetByLabel("Officer id (badge)").FillAsync(badge);
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Olga Ortiz");
        await Page.GetByLabel("Unit").FillAsync("north");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save officer" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Officer {badge} (Olga Ortiz) saved, unit north.");
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = badge });
        await Assertions.Expect(row).ToContainTextAsync("north");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "admin-officers");

        await row.GetByRole(AriaRole.Link, new() { Name = $"Change {badge}" }).ClickAsync();
        await Assertions.Expect(Page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Olga Ortiz");
        await Page.GetByLabel("Unit").FillAsync("south");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save officer" }).ClickAsync();

        await Assertions.Expect(row).ToContainTextAsync("south");
        await using var db = Api.OpenDb();
        Assert.That(await db.Officers.Where(o => o.OfficerId == badge).Select(o => o.Unit).SingleAsync(), Is.EqualTo("south"));
    }
}
