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

        Assert.That(ownUnit.StatusCode, Is.EqualTo(HttpStatusCode.OK));
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

    private async Task<OfficerView> PutOfficerAsync(string officerId, string unit, string? unitSince = null)
    {
        var response = await Api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/officers/{officerId}", new { name = $"Officer {officerId}", unit, unitSince });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<OfficerView>())!;
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private sealed record Detail(string? OfficerUnit);

    private sealed record OfficerView(string OfficerId, string? Unit, int Rescoped);
}
