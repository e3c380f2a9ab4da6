using System.Globalization;
using System.Net.Http.Json;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.Compliance;

public sealed class CompliancePageTests(ApiProfile profile) : ConsoleTests(profile)
{
    [Test]
    public async Task A_custodian_sees_upload_delays_and_the_uncategorised_share_drawn_as_labelled_charts_with_their_tables()
    {
        var admin = Api.ClientFor(Roles.Admin, "ada");
        (await admin.PutAsJsonAsync("/api/officers/olga", new { name = "Olga", unit = "north" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/categories", new { name = "Use of force", retentionDays = 365 })).EnsureSuccessStatusCode();
        using var dock = Api.DockClient(await Api.RegisterDockAsync());
        var ended = DateTimeOffset.UtcNow.AddHours(-3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var metadata = new Dictionary<string, string> { ["recordedStart"] = ended, ["recordedEnd"] = ended };
        var categorised = await dock.UploadVerifiedRecordingAsync("olga", metadata);
        await dock.UploadVerifiedRecordingAsync("olga", metadata);
        (await Api.ClientFor(Roles.Custodian, "cora").PutAsJsonAsync($"/api/evidence/{categorised}/categories", new { categories = new[] { "use-of-force" } }))
            .EnsureSuccessStatusCode();
        await SignInAsync("cora", Roles.Custodian);

        await Page.GotoAsync("/compliance");

        await Assertions.Expect(Page.Locator("svg[role=img]").GetByText("Upload delay per dock")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.GetByRole(AriaRole.Img, new() { Name = "Upload delay per officer" })).ToBeVisibleAsync();
        var share = Page.GetByRole(AriaRole.Img, new() { Name = "Share of recordings without a category, per unit" });
        await Assertions.Expect(share).ToContainTextAsync("50 %");
        await Assertions.Expect(Page.GetByRole(AriaRole.Img, new() { Name = "Unreviewed use-of-force recordings, per unit" })).ToContainTextAsync("1");
        await Assertions.Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Recordings without a category, per unit, highest share first" }))
            .ToContainTextAsync("north");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "compliance");
    }
}
