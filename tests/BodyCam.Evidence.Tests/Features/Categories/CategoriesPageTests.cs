using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.Categories;

public sealed class CategoriesPageTests(ApiProfile profile) : ConsoleTests(profile)
{
    [Test]
    public async Task An_admin_creates_a_category_with_its_retention_and_changes_the_retention()
    {
        var name = "Pursuit " + Guid.NewGuid().ToString("N")[..6];
        var id = name.ToLowerInvariant().Replace(' ', '-');
        await SignInAsync("ada", Roles.Admin);
        await Page.GotoAsync("/admin/categories");

        await Page.GetByLabel("Name").FillAsync(name);
        await Page.GetByLabel("Retention in days").FillAsync("730");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create category" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"saved as {id}, retention 730 days");
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = id });
        await Assertions.Expect(row).ToContainTextAsync("730 days");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "admin-categories");

        await row.GetByRole(AriaRole.Link, new() { Name = $"Change {name}" }).ClickAsync();
        await Page.GetByLabel("Retention in days").FillAsync("3650");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save category" }).ClickAsync();

        await Assertions.Expect(row).ToContainTextAsync("3650 days");
        await using var db = Api.OpenDb();
        Assert.That(await db.Categories.Where(c => c.Id == id).Select(c => c.RetentionDays).SingleAsync(), Is.EqualTo(3650));
    }
}
