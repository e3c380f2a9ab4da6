using System.Net;
using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Docks;
using BodyCam.Evidence.Features.Docks;
using BodyCam.Evidence.Features.Identity;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Docks;

public sealed class DockRegistrationTests(ApiProfile profile) : ApiTests(profile)
{
    [Test]
    public async Task An_admin_registers_a_dock_and_only_the_hash_of_its_key_is_stored()
    {
        var name = "Dock " + Guid.NewGuid().ToString("N")[..8];

        var registered = await (await Api.ClientFor(Roles.Admin, "ada").PostJsonAsync("/api/docks", new { name, site = "North precinct" }))
            .ReadAsync<RegisteredDock>(HttpStatusCode.Created);

        await using var db = Api.OpenDb();
        var stored = await db.Docks.SingleAsync(d => d.Id == registered.DockId);
        Assert.That(registered.Key, Does.StartWith("bcdk_").And.Length.GreaterThan(40));
        Assert.That(stored.KeySha256, Is.EqualTo(Dock.HashKey(registered.Key)));
        Assert.That((stored.Name, stored.Site, stored.RegisteredBy), Is.EqualTo((name, "North precinct", "ada")));
        var custody = await db.CustodyEvents.Where(e => e.Action == CustodyAction.DockRegistered && e.Reason!.Contains(registered.DockId.ToString())).SingleAsync();
        Assert.That((custody.ActorId, custody.ActorRole, custody.Outcome), Is.EqualTo(("ada", Roles.Admin, CustodyOutcome.Succeeded)));
    }

    [Test]
    public async Task An_admin_lists_the_docks_newest_first_without_their_keys_and_others_are_refused()
    {
        var first = await RegisterDockAsync();
        var second = await RegisterDockAsync();

        var response = await Api.ClientFor(Roles.Admin, "ada").GetAsync("/api/docks");
        var refused = await Api.ClientFor(Roles.Auditor, "aud").GetAsync("/api/docks");

        var body = await response.Content.ReadAsStringAsync();
        var docks = System.Text.Json.JsonSerializer.Deserialize<List<DockView>>(body, System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.That(docks.Select(d => d.DockId).Where(id => id == first.DockId || id == second.DockId), Is.EqualTo(new[] { second.DockId, first.DockId }));
        Assert.That(body, Does.Not.Contain(first.Key).And.Not.Contain("keySha256"));
        Assert.That(docks.Single(d => d.DockId == first.DockId).RegisteredBy, Is.EqualTo("ada"));
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_dock_authenticates_with_its_key()
    {
        var registered = await RegisterDockAsync();
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dock-Key", registered.Key);

        var me = await (await client.GetAsync("/api/me")).ReadAsync<CurrentActorDescription>(HttpStatusCode.OK);

        Assert.That((me.Id, me.Kind, me.Role), Is.EqualTo((registered.DockId.ToString(), "Dock", Roles.Dock)));
    }

    [Test]
    public async Task An_unknown_dock_key_is_a_401_and_a_custody_event()
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dock-Key", "bcdk_not-a-key-" + Guid.NewGuid());

        var response = await client.GetAsync("/api/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await using var db = Api.OpenDb();
        var failures = await db.CustodyEvents
            .Where(e => e.Action == CustodyAction.AuthenticationFailed && e.Reason!.Contains("dock key is unknown"))
            .ToListAsync();
        Assert.That(failures, Has.Count.GreaterThanOrEqualTo(1));
        Assert.That(failures.Select(e => e.Outcome), Is.All.EqualTo(CustodyOutcome.Denied));
    }

    [Test]
    public async Task A_supervisor_may_not_register_a_dock_and_the_denial_is_a_custody_event()
    {
        var subject = "sup-" + Guid.NewGuid().ToString("N")[..8];

        var response = await Api.ClientFor(Roles.Supervisor, subject).PostJsonAsync("/api/docks", new { name = "Rogue dock" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(Roles.Admin));
        await using var db = Api.OpenDb();
        var denial = await db.CustodyEvents.SingleAsync(e => e.ActorId == subject);
        Assert.That((denial.Action, denial.Outcome, denial.ActorRole), Is.EqualTo((CustodyAction.AccessDenied, CustodyOutcome.Denied, Roles.Supervisor)));
        Assert.That(await db.Docks.AnyAsync(d => d.Name == "Rogue dock"), Is.False);
    }

    [TestCase("", "name")]
    [TestCase("bad/name", "name")]
    public async Task An_invalid_registration_is_a_400_problem_naming_the_field(string name, string field)
    {
        var response = await Api.ClientFor(Roles.Admin, "ada").PostJsonAsync("/api/docks", new { name });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out var messages), Is.True, problem.ToString());
        Assert.That(messages.GetArrayLength(), Is.GreaterThan(0));
    }

    [Test]
    public async Task A_site_that_is_too_long_is_named_in_the_problem()
    {
        var response = await Api.ClientFor(Roles.Admin, "ada").PostJsonAsync("/api/docks", new { name = "ok", site = new string('x', 101) });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("site", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task A_body_of_the_wrong_JSON_type_is_a_400_problem_naming_the_field()
    {
        var response = await Api.ClientFor(Roles.Admin, "ada").PostAsync(
            "/api/docks", new StringContent("""{"name": 42}""", System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("name", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task A_body_that_is_not_JSON_is_a_400_problem()
    {
        var response = await Api.ClientFor(Roles.Admin, "ada").PostAsync(
            "/api/docks", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_body_that_is_not_JSON_by_content_type_is_a_415_problem()
    {
        var response = await Api.ClientFor(Roles.Admin, "ada").PostAsync("/api/docks", new StringContent("name=dock", System.Text.Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    private async Task<RegisteredDock> RegisterDockAsync() =>
        await (await Api.ClientFor(Roles.Admin, "ada").PostAsJsonAsync("/api/docks", new { name = "Dock " + Guid.NewGuid().ToString("N")[..8] }))
            .ReadAsync<RegisteredDock>(HttpStatusCode.Created);
}
