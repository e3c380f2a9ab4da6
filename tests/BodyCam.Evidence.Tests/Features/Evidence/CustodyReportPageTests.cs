using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.Evidence;

public sealed class CustodyReportPageTests(ApiProfile profile) : ConsoleTests(profile)
{
    [Test]
    public async Task An_auditor_prints_an_items_custody_report_with_every_event_its_hash_and_the_checkpoint()
    {
        using var dock = Api.DockClient(await Api.RegisterDockAsync());
        var ended = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var item = await dock.UploadVerifiedRecordingAsync("olga", new Dictionary<string, string> { ["recordedStart"] = ended, ["recordedEnd"] = ended });
        await Api.WaitForCheckpointAsync();
        await using var db = Api.OpenDb();
        var events = await db.CustodyEvents.Where(e => e.EvidenceId == item).OrderBy(e => e.Sequence).ToListAsync();
        await SignInAsync("aud", Roles.Auditor);

        await Page.GotoAsync($"/evidence/{item}/custody");

        var rows = Page.GetByRole(AriaRole.Table, new() { Name = "Every custody event of the item, in ledger order (times UTC)" }).Locator("tbody tr");
        // The media probe may append an event after the read above; ledger order puts any such event last.
        Assert.That(await rows.CountAsync(), Is.GreaterThanOrEqualTo(events.Count));
        for (var i = 0; i < events.Count; i++)
        {
            await Assertions.Expect(rows.Nth(i).Locator("td").First).ToHaveTextAsync(events[i].Sequence.ToString()!);
            await Assertions.Expect(rows.Nth(i)).ToContainTextAsync(events[i].Action.ToString());
        }
        await Assertions.Expect(Page.Locator("td.hash").First).ToHaveTextAsync(events.First(e => e.ContentSha256 is not null).ContentSha256!);
        await Assertions.Expect(Page.GetByLabel("Signed checkpoint")).ToContainTextAsync("bodycam-evidence.localhost/custody");
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "custody-report");
    }
}
