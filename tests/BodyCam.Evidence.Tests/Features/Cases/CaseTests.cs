using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Cases;

/// <summary>Cases as supervisors and custodians open, link, close and read them.</summary>
public sealed class CaseTests(ApiProfile profile) : UnitScopedApiTests(profile)
{
    [Test]
    public async Task A_case_is_opened_linked_closed_and_unlinked_each_a_custody_event_and_a_closed_case_takes_no_changes()
    {
        var (officer, unit) = await NewOfficerAsync();
        var item = await Api.UploadVerifiedRecordingAsync(officer);
        var another = await Api.UploadVerifiedRecordingAsync(officer);
        var supervisor = Api.ClientFor(Roles.Supervisor, NewId("sup"), unit);
        var caseNumber = NewId("CR-2026");

        var opened = await supervisor.PutAsJsonAsync($"/api/cases/{caseNumber}", new { title = "Robbery at the harbour" });
        var linked = await supervisor.PostAsJsonAsync($"/api/evidence/{item}/cases", new { caseNumber });
        var linkedAgain = await supervisor.PostAsJsonAsync($"/api/evidence/{item}/cases", new { caseNumber });
        var closed = await supervisor.PutAsJsonAsync($"/api/cases/{caseNumber}", new { title = "Robbery at the harbour", status = "Closed" });
        var linkToClosed = await supervisor.PostAsJsonAsync($"/api/evidence/{another}/cases", new { caseNumber });
        var unlinkFromClosed = await supervisor.DeleteAsync($"/api/evidence/{item}/cases/{caseNumber}");
        var whileClosed = await DetailAsync(item);
        var reopened = await supervisor.PutAsJsonAsync($"/api/cases/{caseNumber}", new { title = "Robbery at the harbour", status = "open" });
        var unlinked = await supervisor.DeleteAsync($"/api/evidence/{item}/cases/{caseNumber}");
        var unlinkedAgain = await supervisor.DeleteAsync($"/api/evidence/{item}/cases/{caseNumber}");

        var @case = await opened.ReadAsync<JsonElement>(HttpStatusCode.OK);
        Assert.That((Text(@case, "caseNumber"), Text(@case, "title"), Text(@case, "status")), Is.EqualTo((caseNumber, "Robbery at the harbour", "Open")));
        Assert.That(linked.StatusCode, Is.EqualTo(HttpStatusCode.Created), await linked.Content.ReadAsStringAsync());
        Assert.That(linked.Headers.Location?.ToString(), Is.EqualTo($"/api/cases/{caseNumber}"));
        Assert.That(linkedAgain.StatusCode, Is.EqualTo(HttpStatusCode.OK), "linking again changes nothing");
        Assert.That(Text(await closed.ReadAsync<JsonElement>(HttpStatusCode.OK), "status"), Is.EqualTo("Closed"));
        await linkToClosed.AssertProblemAsync(HttpStatusCode.Conflict);
        await unlinkFromClosed.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(
            whileClosed.GetProperty("cases").EnumerateArray().Select(c => (Text(c, "caseNumber"), Text(c, "title"), Text(c, "status"))),
            Is.EqualTo(new[] { (caseNumber, "Robbery at the harbour", "Closed") }));
        Assert.That(Text(await reopened.ReadAsync<JsonElement>(HttpStatusCode.OK), "status"), Is.EqualTo("Open"));
        Assert.That(unlinked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await unlinkedAgain.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await DetailAsync(item)).GetProperty("cases").GetArrayLength(), Is.Zero);
        Assert.That(await ReasonsAsync(item, CustodyAction.CaseLinked), Is.EqualTo(new[] { $"linked to case {caseNumber} 'Robbery at the harbour'" }));
        Assert.That(await ReasonsAsync(item, CustodyAction.CaseUnlinked), Has.Count.EqualTo(1).And.All.StartWith($"removed from case {caseNumber} "));
        Assert.That(await ReasonsAsync(another, CustodyAction.CaseLinked), Is.Empty);
        await using var db = Api.OpenDb();
        Assert.That(
            await db.CustodyEvents.Where(e => e.Action == CustodyAction.CaseRecorded && e.Reason!.StartsWith($"case {caseNumber} "))
                .OrderBy(e => e.Sequence).Select(e => e.Reason).ToListAsync(),
            Is.EqualTo(new[]
            {
                $"case {caseNumber} opened: 'Robbery at the harbour', Open",
                $"case {caseNumber} changed: 'Robbery at the harbour', Closed",
                $"case {caseNumber} changed: 'Robbery at the harbour', Open",
            }));
    }

    [Test]
    public async Task A_case_shows_only_the_linked_items_the_caller_may_see()
    {
        var (north, northUnit) = await NewOfficerAsync();
        var (south, southUnit) = await NewOfficerAsync();
        var northItem = await Api.UploadVerifiedRecordingAsync(north);
        var southItem = await Api.UploadVerifiedRecordingAsync(south);
        var custodian = Api.ClientFor(Roles.Custodian, "carol");
        var caseNumber = NewId("CASE");
        await (await custodian.PutAsJsonAsync($"/api/cases/{caseNumber}", new { title = "Two units" })).ReadAsync<JsonElement>(HttpStatusCode.OK);
        foreach (var item in new[] { northItem, southItem })
        {
            await (await custodian.PostAsJsonAsync($"/api/evidence/{item}/cases", new { caseNumber })).ReadAsync<JsonElement>(HttpStatusCode.Created);
        }

        var asCustodian = await (await custodian.GetAsync($"/api/cases/{caseNumber}")).ReadAsync<JsonElement>(HttpStatusCode.OK);
        var asNorth = await (await Api.ClientFor(Roles.Supervisor, NewId("sup"), northUnit).GetAsync($"/api/cases/{caseNumber}")).ReadAsync<JsonElement>(HttpStatusCode.OK);
        var asSouthOfficer = await (await Api.ClientFor(Roles.Officer, south, southUnit).GetAsync($"/api/cases/{caseNumber}")).ReadAsync<JsonElement>(HttpStatusCode.OK);
        var unknown = await custodian.GetAsync($"/api/cases/{NewId("NONE")}");

        Assert.That(ItemIds(asCustodian), Is.EquivalentTo(new[] { northItem, southItem }));
        Assert.That(ItemIds(asNorth), Is.EqualTo(new[] { northItem }));
        Assert.That(ItemIds(asSouthOfficer), Is.EqualTo(new[] { southItem }));
        Assert.That(Text(asCustodian.GetProperty("items")[0], "linkedBy"), Is.EqualTo("carol"));
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Case_requests_name_the_field_they_refuse_and_another_units_supervisor_may_not_link()
    {
        var (officer, _) = await NewOfficerAsync();
        var item = await Api.UploadVerifiedRecordingAsync(officer);
        var custodian = Api.ClientFor(Roles.Custodian, "carol");
        var caseNumber = NewId("CASE");
        await (await custodian.PutAsJsonAsync($"/api/cases/{caseNumber}", new { title = "Scoped" })).ReadAsync<JsonElement>(HttpStatusCode.OK);
        var otherSupervisor = NewId("sup");

        var badStatus = await custodian.PutAsJsonAsync($"/api/cases/{NewId("CASE")}", new { title = "T", status = "Pending" });
        var badNumber = await custodian.PutAsJsonAsync("/api/cases/-dash-first", new { title = "T" });
        var noTitle = await custodian.PutAsJsonAsync($"/api/cases/{NewId("CASE")}", new { status = "Open" });
        var unknownCase = await custodian.PostAsJsonAsync($"/api/evidence/{item}/cases", new { caseNumber = NewId("NONE") });
        var byOfficer = await Api.ClientFor(Roles.Officer, officer).PutAsJsonAsync($"/api/cases/{NewId("CASE")}", new { title = "Mine" });
        var otherUnit = await Api.ClientFor(Roles.Supervisor, otherSupervisor, NewId("Unit")).PostAsJsonAsync($"/api/evidence/{item}/cases", new { caseNumber });

        await AssertNamesFieldAsync(badStatus, "status");
        await AssertNamesFieldAsync(badNumber, "caseNumber");
        await AssertNamesFieldAsync(noTitle, "title");
        await AssertNamesFieldAsync(unknownCase, "caseNumber");
        await byOfficer.AssertProblemAsync(HttpStatusCode.Forbidden);
        await otherUnit.AssertProblemAsync(HttpStatusCode.Forbidden);
        await AssertDeniedAsync(item, otherSupervisor, "LinkEvidenceToCase");
        Assert.That(await ReasonsAsync(item, CustodyAction.CaseLinked), Is.Empty);
    }

    private static IEnumerable<Guid> ItemIds(JsonElement @case) => @case.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("evidenceId").GetGuid());
}
