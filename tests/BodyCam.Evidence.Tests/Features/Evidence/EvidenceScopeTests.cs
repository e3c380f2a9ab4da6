using System.Net;
using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Evidence;

/// <summary>Recordings are recorded at 08:00 on the day the helper uploads them; units are scoped by the officer's unit then.</summary>
public sealed class EvidenceScopeTests(ApiProfile profile) : ApiTests(profile)
{
    [Test]
    public async Task Supervisor_sees_their_units_item_and_another_units_supervisor_is_refused_with_a_custody_event()
    {
        var officer = NewId("officer");
        await PutOfficerAsync(officer, "North");
        var item = await Api.UploadVerifiedRecordingAsync(officer);

        var ownUnit = await Api.ClientFor(Roles.Supervisor, NewId("sup"), "North").GetAsync($"/api/evidence/{item}");
        var otherUnit = await Api.ClientFor(Roles.Supervisor, NewId("sup"), "South").GetAsync($"/api/evidence/{item}");

        Assert.That(ownUnit.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ownUnit.Content.ReadAsStringAsync());
        Assert.That((await ownUnit.Content.ReadFromJsonAsync<Detail>())!.OfficerUnit, Is.EqualTo("North"));
        await otherUnit.AssertProblemAsync(HttpStatusCode.Forbidden);
        await using var db = Api.OpenDb();
        var denial = await db.CustodyEvents.SingleAsync(e => e.EvidenceId == item && e.Action == CustodyAction.AccessDenied);
        Assert.That((denial.ActorRole, denial.Outcome), Is.EqualTo((Roles.Supervisor, CustodyOutcome.Denied)));
        Assert.That(denial.Reason, Does.Contain(nameof(BodyCam.Evidence.Features.Evidence.GetEvidenceItem)));
    }

    [Test]
    public async Task Officer_sees_their_own_recording_and_not_a_colleagues()
    {
        var officer = NewId("officer");
        var colleague = NewId("officer");
        await PutOfficerAsync(officer, "East");
        await PutOfficerAsync(colleague, "East");
        var item = await Api.UploadVerifiedRecordingAsync(officer);

        var own = await Api.ClientFor(Roles.Officer, officer, "East").GetAsync($"/api/evidence/{item}/custody");
        var colleagues = await Api.ClientFor(Roles.Officer, colleague, "East").GetAsync($"/api/evidence/{item}/custody");

        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await colleagues.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task An_item_shows_its_retention_and_each_active_hold_covering_it_by_name_case_or_officers_range()
    {
        var officer = NewId("officer");
        await PutOfficerAsync(officer, "North");
        var item = await Api.UploadVerifiedRecordingAsync(officer);
        var supervisor = Api.ClientFor(Roles.Supervisor, NewId("sup"), "North");
        var caseNumber = NewId("case");
        Assert.That((await supervisor.PutAsJsonAsync($"/api/cases/{caseNumber}", new { title = "Harbour robbery" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await supervisor.PostAsJsonAsync($"/api/evidence/{item}/cases", new { caseNumber })).IsSuccessStatusCode, Is.True);
        var named = await PlaceHoldAsync(new { reason = "Preserve", matter = "Named " + item, evidenceIds = new[] { item } });
        var byCase = await PlaceHoldAsync(new { reason = "Preserve", matter = "Case " + caseNumber, caseNumber });
        var inRange = await PlaceHoldAsync(new { reason = "Preserve", matter = "Shift of " + officer, officerId = officer, from = "2026-11-26T08:04:00Z", to = "2026-11-26T09:00:00Z" });
        await PlaceHoldAsync(new { reason = "Preserve", matter = "Next day", officerId = officer, from = "2026-11-27T00:00:00Z" });
        var another = NewId("officer");
        await PutOfficerAsync(another, "North");
        await PlaceHoldAsync(new { reason = "Preserve", matter = "Another officer", officerId = another });
        var released = await PlaceHoldAsync(new { reason = "Preserve", matter = "Released", evidenceIds = new[] { item } });
        var release = await Api.ClientFor(Roles.Custodian, "carol").PostAsJsonAsync($"/api/legal-holds/{released.Id}/release", new { reason = "Settled" });
        Assert.That(release.StatusCode, Is.EqualTo(HttpStatusCode.OK), await release.Content.ReadAsStringAsync());

        var retention = (await (await supervisor.GetAsync($"/api/evidence/{item}")).ReadAsync<Detail>(HttpStatusCode.OK)).Retention;

        await using var db = Api.OpenDb();
        var stored = await db.EvidenceItems.Where(e => e.Id == item).Select(e => new { e.RetainUntil, e.RetainedByDefault }).SingleAsync();
        Assert.That(stored.RetainUntil, Is.Not.Null);
        Assert.That((retention.RetainUntil, retention.RetainedByDefault, retention.Disposition), Is.EqualTo((stored.RetainUntil, stored.RetainedByDefault, "Retained")));
        Assert.That(retention.LegalHolds.Select(h => (h.Id, h.Matter)), Is.EqualTo(new[]
        {
            (named.Id, "Named " + item), (byCase.Id, "Case " + caseNumber), (inRange.Id, "Shift of " + officer),
        }));
        var placedAt = await db.LegalHolds.Where(h => h.Id == named.Id).Select(h => h.PlacedAt).SingleAsync();
        Assert.That(retention.LegalHolds[0].PlacedAt, Is.EqualTo(placedAt));
    }

    private async Task<HoldRow> PlaceHoldAsync(object hold)
    {
        var response = await Api.ClientFor(Roles.Custodian, "carol").PostAsJsonAsync("/api/legal-holds", hold);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<HoldRow>())!;
    }

    private async Task<OfficerView> PutOfficerAsync(string officerId, string unit, string? unitSince = null)
    {
        var response = await Api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/officers/{officerId}", new { name = $"Officer {officerId}", unit, unitSince });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<OfficerView>())!;
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private sealed record Detail(string? OfficerUnit, RetentionRow Retention);

    private sealed record RetentionRow(DateTimeOffset? RetainUntil, bool RetainedByDefault, string Disposition, IReadOnlyList<HoldOnItem> LegalHolds);

    private sealed record HoldOnItem(Guid Id, string Matter, DateTimeOffset PlacedAt);

    private sealed record HoldRow(Guid Id);

    private sealed record OfficerView(string OfficerId, string? Unit, int Rescoped);
}
