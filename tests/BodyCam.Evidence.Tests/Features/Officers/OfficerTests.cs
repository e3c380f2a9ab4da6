using System.Net;
using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Officers;

/// <summary>Recordings are recorded at 08:00 on the day the helper uploads them; units are scoped by the officer's unit then.</summary>
public sealed class OfficerTests(ApiProfile profile) : ApiTests(profile)
{
    [Test]
    public async Task A_unit_change_rescopes_only_the_recordings_made_since_it_took_effect()
    {
        var officer = NewId("officer");
        var item = await Api.UploadVerifiedRecordingAsync(officer);
        await PutOfficerAsync(officer, "Harbour");
        Assert.That(await UnitOfAsync(item), Is.EqualTo("Harbour"), "an officer's first unit covers what they recorded before being registered");

        var later = await PutOfficerAsync(officer, "Airport", unitSince: "2026-11-26T09:00:00Z");
        Assert.That((later.Rescoped, await UnitOfAsync(item)), Is.EqualTo((0, "Harbour")), "recorded at 08:00, before the move");

        var earlier = await PutOfficerAsync(officer, "Airport", unitSince: "2026-11-26T07:00:00Z");
        Assert.That((earlier.Rescoped, await UnitOfAsync(item)), Is.EqualTo((1, "Airport")));
        var airport = await Api.ClientFor(Roles.Supervisor, NewId("sup"), "Airport").GetAsync($"/api/evidence/{item}");
        var harbour = await Api.ClientFor(Roles.Supervisor, NewId("sup"), "Harbour").GetAsync($"/api/evidence/{item}");
        Assert.That((airport.StatusCode, harbour.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.Forbidden)));
    }

    [Test]
    public async Task An_admin_lists_the_officers_with_their_current_units_and_others_are_refused()
    {
        var officer = NewId("officer");
        await PutOfficerAsync(officer, "Harbour");
        await PutOfficerAsync(officer, "Airport");

        var officers = await (await Api.ClientFor(Roles.Admin, "ada").GetAsync("/api/officers"))
            .ReadAsync<List<BodyCam.Evidence.Features.Officers.OfficerListing>>(HttpStatusCode.OK);
        var refused = await Api.ClientFor(Roles.Supervisor, "sam", "Harbour").GetAsync("/api/officers");

        var listed = officers.Single(o => o.OfficerId == officer);
        Assert.That((listed.Unit, listed.Active), Is.EqualTo(("Airport", true)));
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task An_officer_record_names_the_field_it_refuses_and_is_a_custody_event_when_kept()
    {
        var admin = Api.ClientFor(Roles.Admin, "ada");
        var officer = NewId("officer");

        var blank = await admin.PutAsJsonAsync($"/api/officers/{officer}", new { name = "", unit = "North" });
        await PutOfficerAsync(officer, "North");

        var problem = await blank.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("name", out _), Is.True, problem.ToString());
        await using var db = Api.OpenDb();
        var recorded = await db.CustodyEvents.Where(e => e.Action == CustodyAction.OfficerRecorded && e.Reason!.Contains(officer)).ToListAsync();
        Assert.That(recorded.Select(e => e.Reason), Is.EqualTo(new[] { $"officer {officer} ('Officer {officer}', active), unit North" }));
    }

    private async Task<OfficerView> PutOfficerAsync(string officerId, string unit, string? unitSince = null)
    {
        var response = await Api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/officers/{officerId}", new { name = $"Officer {officerId}", unit, unitSince });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<OfficerView>())!;
    }

    private async Task<string?> UnitOfAsync(Guid item)
    {
        await using var db = Api.OpenDb();
        return await db.EvidenceItems.Where(e => e.Id == item).Select(e => e.OfficerUnit).SingleAsync();
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private sealed record OfficerView(string OfficerId, string? Unit, int Rescoped);
}
