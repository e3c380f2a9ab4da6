using BodyCam.Evidence.Domain.Cases;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.LegalHolds;

public sealed class LegalHoldPageTests(ApiProfile profile) : ConsoleTests(profile)
{
    [Test]
    public async Task A_custodian_places_a_hold_on_items_and_an_officers_range_sees_what_it_covers_and_releases_it_with_a_reason()
    {
        var named = await Api.UploadVerifiedRecordingAsync("officer-lh1");
        var inRange = await Api.UploadVerifiedRecordingAsync("officer-lh2");
        var unheld = await Api.UploadVerifiedRecordingAsync("officer-lh1");
        var custodian = "carol-" + Guid.NewGuid().ToString("N")[..6];
        await SignInAsync(custodian, Roles.Custodian);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Legal holds" }).First.ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Place a legal hold" }).ClickAsync();
        await Page.GetByLabel("Matter").FillAsync("Doe v. City");
        await Page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Preservation letter of 2026-12-01");
        await Page.GetByLabel("Evidence items").FillAsync(named.ToString());
        await Page.GetByLabel("Officer").FillAsync("officer-lh2");
        await Page.GetByLabel("From (UTC)").FillAsync("2026-11-26T07:00");
        await Page.GetByLabel("To (UTC)").FillAsync("2026-11-26T09:00");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "legal-hold-new");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Place hold" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Legal hold: Doe v. City" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByText("2 items covered now")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = named.ToString() })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Officer officer-lh2's recordings in the range" }))
            .ToHaveAttributeAsync("href", "/evidence?officerId=officer-lh2&from=2026-11-26T07%3A00%3A00.0000000%2B00%3A00&to=2026-11-26T09%3A00%3A00.0000000%2B00%3A00");
        await Accessibility.AssertNoViolationsAsync(Page);

        await Page.GotoAsync("/legal-holds");
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = "Doe v. City" }) });
        await Assertions.Expect(row).ToContainTextAsync($"by {custodian}");
        await Assertions.Expect(row).ToContainTextAsync("In force");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "legal-holds");

        await row.GetByRole(AriaRole.Link, new() { Name = "Doe v. City" }).ClickAsync();
        await Page.GetByLabel("Reason for the release").FillAsync("Settled; the letter was withdrawn");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Release hold" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Released; 2 items are no longer held by it.");
        await Assertions.Expect(Page.GetByText($"by {custodian}").Last).ToContainTextAsync("Settled; the letter was withdrawn");
        await using var db = Api.OpenDb();
        var hold = await db.LegalHolds.SingleAsync(h => h.PlacedBy == custodian);
        Assert.That((hold.Matter, hold.OfficerId, hold.ReleasedBy, hold.ReleaseReason), Is.EqualTo(("Doe v. City", "officer-lh2", custodian, "Settled; the letter was withdrawn")));
        var events = await db.CustodyEvents.Where(e => e.ActorId == custodian && e.EvidenceId != null)
            .Select(e => new { e.EvidenceId, e.Action }).ToListAsync();
        Assert.That(events.Select(e => (e.EvidenceId!.Value, e.Action)), Is.EquivalentTo(new[]
        {
            (named, CustodyAction.LegalHoldPlaced), (inRange, CustodyAction.LegalHoldPlaced),
            (named, CustodyAction.LegalHoldReleased), (inRange, CustodyAction.LegalHoldReleased),
        }));
        Assert.That(events.Select(e => e.EvidenceId), Does.Not.Contain(unheld));
    }

    [Test]
    public async Task A_custodian_places_a_hold_on_a_case_by_keyboard_alone()
    {
        var custodian = "dana-" + Guid.NewGuid().ToString("N")[..6];
        var caseNumber = "25-" + Guid.NewGuid().ToString("N")[..6];
        var item = await Api.UploadVerifiedRecordingAsync("officer-lh3");
        await using (var db = Api.OpenDb())
        {
            db.Cases.Add(Case.Open(caseNumber, "Burglary", "sam", DateTimeOffset.UtcNow));
            db.CaseLinks.Add(CaseLink.Link(item, caseNumber, "sam", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        await SignInAsync(custodian, Roles.Custodian);
        await Page.GotoAsync("/legal-holds/new");

        await KeyboardNavigation.TabToAsync(Page, Page.GetByLabel("Matter"));
        await Page.Keyboard.TypeAsync("Grand jury subpoena");
        await KeyboardNavigation.TabToAsync(Page, Page.GetByLabel("Reason", new() { Exact = true }));
        await Page.Keyboard.TypeAsync("Subpoena 25-77");
        await KeyboardNavigation.TabToAsync(Page, Page.GetByLabel("Case number"));
        await Page.Keyboard.TypeAsync(caseNumber);
        await KeyboardNavigation.TabToAsync(Page, Page.GetByRole(AriaRole.Button, new() { Name = "Place hold" }));
        await Page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Legal hold: Grand jury subpoena" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByText("1 item covered now")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"The items of case {caseNumber}" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task A_hold_without_a_scope_comes_back_beside_the_form_and_is_recorded_as_refused()
    {
        var custodian = "erin-" + Guid.NewGuid().ToString("N")[..6];
        await SignInAsync(custodian, Roles.Custodian);
        await Page.GotoAsync("/legal-holds/new");
        await Page.GetByLabel("Matter").FillAsync("Nothing named");
        await Page.GetByLabel("Reason", new() { Exact = true }).FillAsync("A slip");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Place hold" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("A hold names what it keeps");
        await Assertions.Expect(Page.GetByLabel("Matter")).ToHaveValueAsync("Nothing named");
        await Accessibility.AssertNoViolationsAsync(Page);
        await using var db = Api.OpenDb();
        Assert.That(await db.LegalHolds.AnyAsync(h => h.PlacedBy == custodian), Is.False);
        Assert.That(await db.CustodyEvents.AnyAsync(e => e.ActorId == custodian && e.Action == CustodyAction.RequestRefused), Is.True);
    }

    [Test]
    public async Task A_supervisor_opening_legal_holds_gets_the_refusal_page_and_the_attempt_is_recorded()
    {
        var supervisor = "sam-" + Guid.NewGuid().ToString("N")[..6];
        await SignInAsync(supervisor, Roles.Supervisor, "north");
        var response = await Page.GotoAsync("/legal-holds");

        Assert.That(response!.Status, Is.EqualTo(403));
        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("recorded in the custody log");
        await using var db = Api.OpenDb();
        Assert.That(await db.CustodyEvents.AnyAsync(e => e.ActorId == supervisor && e.Action == CustodyAction.AccessDenied), Is.True);
    }
}
