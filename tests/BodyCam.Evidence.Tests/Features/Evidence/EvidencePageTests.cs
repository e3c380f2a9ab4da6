using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.Evidence;

/// <summary>
/// The console's evidence search (/evidence) and item page (/evidence/{id}). Each test has units, officers and a
/// file-name word of its own, so tests sharing the fixture's server cannot see each other's items.
/// </summary>
public sealed class EvidencePageTests(ApiProfile profile) : ConsoleTests(profile)
{
    [Test]
    public async Task A_supervisor_finds_their_units_items_narrows_them_and_opens_one_with_its_hashes_and_custody()
    {
        var (unit, otherUnit) = (Unique("north"), Unique("south"));
        var (ann, amy, bob) = (Unique("ann"), Unique("amy"), Unique("bob"));
        var word = Word();
        await PutOfficerAsync(ann, unit);
        await PutOfficerAsync(amy, unit);
        await PutOfficerAsync(bob, otherUnit);
        var annNamed = await UploadAsync(ann, $"{word}_0001.mp4");
        var annOther = await UploadAsync(ann, "clip.mp4");
        var amys = await UploadAsync(amy, "clip.mp4");
        await UploadAsync(bob, $"{word}_0002.mp4");

        await SignInAsync(Unique("sam"), Roles.Supervisor, unit);
        await Page.GotoAsync("/evidence");
        Assert.That(await ResultIdsAsync(), Is.EquivalentTo(new[] { annNamed, annOther, amys }), "only the supervisor's unit");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "evidence-search");

        await Page.GetByLabel("Officer").FillAsync(ann);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex($"officerId={ann}"));
        Assert.That(await ResultIdsAsync(), Is.EquivalentTo(new[] { annNamed, annOther }));

        await Page.GetByLabel("Officer").FillAsync("");
        await Page.GetByLabel("Words").FillAsync(word);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex($"text={word}"));
        Assert.That(await ResultIdsAsync(), Is.EqualTo(new[] { annNamed }), "bob's item with the word is another unit's");

        var hold = await Api.ClientFor(Roles.Custodian, "carol").PostAsJsonAsync("/api/legal-holds", new { reason = "Preserve", matter = "Harbour inquiry", evidenceIds = new[] { annNamed } });
        var holdId = (await hold.ReadAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Results.First.ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex($"/evidence/{annNamed}$"));
        await using var db = Api.OpenDb();
        var stored = await db.EvidenceItems.SingleAsync(e => e.Id == annNamed);
        await Assertions.Expect(Page.GetByText(stored.StreamSha256).First).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByText(stored.StoredSha256!).First).ToBeVisibleAsync();
        var custody = Page.GetByRole(AriaRole.Table).Filter(new() { Has = Page.GetByText("Ledger index") });
        var indexes = await db.CustodyEvents.Where(e => e.EvidenceId == annNamed).OrderBy(e => e.Sequence).Select(e => e.Sequence!.Value).ToListAsync();
        Assert.That(indexes, Is.Not.Empty);
        await Assertions.Expect(custody.Locator("tbody th[scope=row]"))
            .ToHaveTextAsync([.. indexes.Select(index => index.ToString(CultureInfo.InvariantCulture))]);
        await Assertions.Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Actions" }).GetByRole(AriaRole.Link, new() { Name = "Watch" }))
            .ToHaveAttributeAsync("href", $"/evidence/{annNamed}/watch");
        var retention = Page.GetByRole(AriaRole.Region, new() { Name = "Retention and holds" });
        await Assertions.Expect(retention).ToContainTextAsync($"Kept until {stored.RetainUntil!.Value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        await Assertions.Expect(retention.GetByRole(AriaRole.Link, new() { Name = "Harbour inquiry" })).ToHaveAttributeAsync("href", $"/legal-holds/{holdId}");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "evidence-item");
    }

    [Test]
    public async Task An_officer_searches_and_opens_their_own_recording_by_keyboard_alone()
    {
        var officer = Unique("olly");
        var word = Word();
        await PutOfficerAsync(officer, Unique("east"));
        var item = await UploadAsync(officer, $"{word}.mp4");
        await SignInAsync(officer, Roles.Officer);
        await Page.GotoAsync("/evidence");

        await KeyboardNavigation.TabToAsync(Page, Page.GetByLabel("Words"));
        await Page.Keyboard.TypeAsync(word);
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex($"text={word}"));
        await KeyboardNavigation.TabToAsync(Page, Results.First);
        await Page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(Page).ToHaveURLAsync(new Regex($"/evidence/{item}$"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Custody" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task An_officer_opening_a_colleagues_item_gets_the_refusal_page_and_the_attempt_is_in_custody()
    {
        var unit = Unique("west");
        var (owner, colleague) = (Unique("owen"), Unique("cleo"));
        await PutOfficerAsync(owner, unit);
        await PutOfficerAsync(colleague, unit);
        var item = await UploadAsync(owner, "clip.mp4");
        await SignInAsync(colleague, Roles.Officer, unit);

        var response = await Page.GotoAsync($"/evidence/{item}");

        Assert.That(response!.Status, Is.EqualTo((int)HttpStatusCode.Forbidden));
        await Assertions.Expect(Page.GetByText("recorded in the custody log")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(Page);
        await using var db = Api.OpenDb();
        var denial = await db.CustodyEvents.SingleAsync(e => e.EvidenceId == item && e.Action == CustodyAction.AccessDenied);
        Assert.That((denial.ActorId, denial.Outcome), Is.EqualTo((colleague, CustodyOutcome.Denied)));
    }

    [Test]
    public async Task An_unknown_item_is_a_not_found_page()
    {
        await SignInAsync(Unique("cass"), Roles.Custodian);

        var response = await Page.GotoAsync($"/evidence/{Guid.NewGuid()}");

        Assert.That(response!.Status, Is.EqualTo((int)HttpStatusCode.NotFound));
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
    }

    [Test]
    public async Task An_invalid_filter_comes_back_beside_the_form_with_what_was_typed()
    {
        await SignInAsync(Unique("sam"), Roles.Supervisor, Unique("north"));

        await Page.GotoAsync("/evidence?bbox=200,0,0,0&officerId=ann");

        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("bbox: Give minLon,minLat,maxLon,maxLat");
        await Assertions.Expect(Page.GetByLabel("Officer")).ToHaveValueAsync("ann");
        await Assertions.Expect(Results).ToHaveCountAsync(0);
    }

    private ILocator Results => Page.Locator("table.evidence-results tbody th[scope=row] a");

    /// <summary>The ids the result rows link to, in the table's order.</summary>
    private async Task<Guid[]> ResultIdsAsync()
    {
        await Assertions.Expect(Page.GetByRole(AriaRole.Table).Or(Page.GetByRole(AriaRole.Status))).ToBeVisibleAsync();
        var links = await Results.EvaluateAllAsync<string[]>("links => links.map(link => link.getAttribute('href'))");
        return [.. links.Select(href => Guid.Parse(href.Split('/')[^1]))];
    }

    private async Task<Guid> UploadAsync(string officer, string fileName)
    {
        using var dock = Api.DockClient(await Api.RegisterDockAsync());
        return await dock.UploadVerifiedRecordingAsync(officer, new Dictionary<string, string> { ["filename"] = fileName });
    }

    private async Task PutOfficerAsync(string officerId, string unit)
    {
        var response = await Api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/officers/{officerId}", new { name = $"Officer {officerId}", unit });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>A word of letters only, which the search's word splitting keeps whole.</summary>
    private static string Word() => new([.. Guid.NewGuid().ToString("N")[..10].Select(c => char.IsDigit(c) ? (char)('g' + (c - '0')) : c)]);
}
