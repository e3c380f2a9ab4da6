using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.Evidence;

public sealed class FixityPageTests(ApiProfile profile) : ConsoleTests(profile)
{
    [Test]
    public async Task A_custodians_check_of_a_changed_item_quarantines_it_and_the_fixity_page_lists_it()
    {
        var custodian = "carol-" + Guid.NewGuid().ToString("N")[..6];
        var damaged = await Api.UploadVerifiedRecordingAsync("officer-fx1");
        var intact = await Api.UploadVerifiedRecordingAsync("officer-fx1");
        await using (var db = Api.OpenDb())
        {
            var blobName = await db.EvidenceItems.Where(e => e.Id == damaged).Select(e => e.BlobName).SingleAsync();
            await StoredBlobs.FlipByteAsync(Api.Service<EvidenceSettings>(), blobName, offset: 20);
        }
        await SignInAsync(custodian, Roles.Custodian);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Fixity" }).First.ClickAsync();

        await Page.GetByLabel("Evidence item id").FillAsync(intact.ToString());
        await Page.GetByRole(AriaRole.Button, new() { Name = "Check fixity now" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Evidence {intact}: Intact, now Verified.");
        await Page.GetByLabel("Evidence item id").FillAsync(damaged.ToString());
        await Page.GetByRole(AriaRole.Button, new() { Name = "Check fixity now" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Evidence {damaged}: Changed, now Quarantined.");
        var quarantined = Page.GetByRole(AriaRole.Table, new() { Name = "Quarantined items" });
        await Assertions.Expect(quarantined.GetByRole(AriaRole.Row).Filter(new() { HasText = damaged.ToString() })).ToHaveCountAsync(1);
        await Assertions.Expect(quarantined).Not.ToContainTextAsync(intact.ToString());
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "fixity");
        await using var after = Api.OpenDb();
        Assert.That(await after.EvidenceItems.Where(e => e.Id == damaged).Select(e => e.Status).SingleAsync(), Is.EqualTo(EvidenceStatus.Quarantined));
        var checks = await after.CustodyEvents.Where(e => e.ActorId == custodian && e.EvidenceId != null)
            .Select(e => new { e.EvidenceId, e.Action }).ToListAsync();
        Assert.That(checks.Select(e => (e.EvidenceId!.Value, e.Action)), Is.EquivalentTo(new[]
        {
            (intact, CustodyAction.FixityChecked), (damaged, CustodyAction.FixityFailed),
        }));
    }

    [Test]
    public async Task An_auditor_sees_quarantined_items_without_the_check_and_a_second_check_of_a_quarantined_item_is_refused_and_recorded()
    {
        var auditor = "ava-" + Guid.NewGuid().ToString("N")[..6];
        var custodian = "cole-" + Guid.NewGuid().ToString("N")[..6];
        var missing = await Api.UploadVerifiedRecordingAsync("officer-fx2");
        await using (var db = Api.OpenDb())
        {
            await StoredBlobs.DeleteAsync(Api.Service<EvidenceSettings>(), await db.EvidenceItems.Where(e => e.Id == missing).Select(e => e.BlobName).SingleAsync());
        }
        (await Api.ClientFor(Roles.Custodian, "setup").PostAsync($"/api/evidence/{missing}/fixity-check", null)).EnsureSuccessStatusCode();

        await SignInAsync(auditor, Roles.Auditor);
        await Page.GotoAsync("/fixity");
        await Assertions.Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Quarantined items" })).ToContainTextAsync(missing.ToString());
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Check fixity now" })).ToHaveCountAsync(0);

        var second = await OpenAnotherPageAsync();
        await SignInAsync(second, custodian, Roles.Custodian);
        await second.GotoAsync("/fixity");
        await second.GetByLabel("Evidence item id").FillAsync(missing.ToString());
        await second.GetByRole(AriaRole.Button, new() { Name = "Check fixity now" }).ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("already quarantined");
        await Assertions.Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("recorded in the custody log");
        await using var after = Api.OpenDb();
        Assert.That(await after.CustodyEvents.CountAsync(e => e.ActorId == custodian && e.EvidenceId == missing && e.Action == CustodyAction.FixityCheckRefused), Is.EqualTo(1));
    }
}
