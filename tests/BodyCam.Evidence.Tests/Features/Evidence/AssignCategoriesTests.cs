using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;

namespace BodyCam.Evidence.Tests.Features.Evidence;

/// <summary>Categories as officers and supervisors assign them to an item, each change a custody event from old to new.</summary>
public sealed class AssignCategoriesTests(ApiProfile profile) : UnitScopedApiTests(profile)
{
    [Test]
    public async Task An_officer_categorises_their_own_recording_and_the_change_is_a_custody_event_from_old_to_new()
    {
        var (officer, unit) = await NewOfficerAsync();
        var useOfForce = await CreateCategoryAsync("Use of force");
        var traffic = await CreateCategoryAsync("Traffic");
        using var dock = Api.DockClient(await Api.RegisterDockAsync());
        var item = await dock.UploadVerifiedRecordingAsync(officer, new Dictionary<string, string> { ["category"] = "camera-only" });

        var byOfficer = await Api.ClientFor(Roles.Officer, officer, unit)
            .PutAsJsonAsync($"/api/evidence/{item}/categories", new { categories = new[] { "camera-only", useOfForce, traffic } });
        var bySupervisor = await Api.ClientFor(Roles.Supervisor, NewId("sup"), unit)
            .PutAsJsonAsync($"/api/evidence/{item}/categories", new { categories = new[] { traffic } });

        var assigned = await byOfficer.ReadAsync<JsonElement>(HttpStatusCode.OK);
        Assert.That(
            assigned.GetProperty("categories").EnumerateArray().Select(c => (Text(c, "id"), Text(c, "name"), c.GetProperty("known").GetBoolean())),
            Is.EqualTo(new[] { ("camera-only", (string?)null, false), (traffic, "Traffic", true), (useOfForce, "Use of force", true) }.OrderBy(c => c.Item1, StringComparer.Ordinal)));
        await bySupervisor.ReadAsync<JsonElement>(HttpStatusCode.OK);
        var detail = await DetailAsync(item);
        Assert.That(detail.GetProperty("categories").EnumerateArray().Select(c => Text(c, "id")), Is.EqualTo(new[] { traffic }));
        var reasons = await ReasonsAsync(item, CustodyAction.CategoriesAssigned);
        Assert.That(reasons, Is.EqualTo(new[]
        {
            "categories (none) → camera-only; from the upload's metadata",
            Arrow(["camera-only"], ["camera-only", useOfForce, traffic]),
            Arrow(["camera-only", useOfForce, traffic], [traffic]),
        }));
    }

    [Test]
    public async Task Concurrent_category_changes_of_one_item_all_succeed_and_their_custody_events_chain_from_old_to_new()
    {
        var (officer, unit) = await NewOfficerAsync();
        var (a, b, c) = (await CreateCategoryAsync("Arrest"), await CreateCategoryAsync("Patrol"), await CreateCategoryAsync("Interview"));
        var item = await Api.UploadVerifiedRecordingAsync(officer);
        var supervisor = Api.ClientFor(Roles.Supervisor, NewId("sup"), unit);
        string[][] choices = [[a, b], [b, c]];

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            supervisor.PutAsJsonAsync($"/api/evidence/{item}/categories", new { categories = choices[i % 2] })));

        foreach (var response in responses)
        {
            await response.ReadAsync<JsonElement>(HttpStatusCode.OK);
        }
        var carried = (await DetailAsync(item)).GetProperty("categories").EnumerateArray().Select(c => Text(c, "id")!).ToArray();
        var reasons = await ReasonsAsync(item, CustodyAction.CategoriesAssigned);
        Assert.That(reasons, Has.Count.InRange(1, responses.Length));
        var carriedBefore = Array.Empty<string>();
        foreach (var reason in reasons)
        {
            carriedBefore = choices.Single(after => reason == Arrow(carriedBefore, after));
        }
        Assert.That(carried, Is.EquivalentTo(carriedBefore), "each change starts from the previous one's result and the last is what the item carries");
    }

    [Test]
    public async Task Categories_the_agency_does_not_offer_are_refused_naming_categories()
    {
        var (officer, unit) = await NewOfficerAsync();
        var retired = await CreateCategoryAsync("Retired");
        await (await Api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/categories/{retired}", new { name = "Retired", retentionDays = 30, active = false }))
            .ReadAsync<JsonElement>(HttpStatusCode.OK);
        var item = await Api.UploadVerifiedRecordingAsync(officer);
        var supervisor = Api.ClientFor(Roles.Supervisor, NewId("sup"), unit);

        var unknown = await supervisor.PutAsJsonAsync($"/api/evidence/{item}/categories", new { categories = new[] { "no-such-category" } });
        var inactive = await supervisor.PutAsJsonAsync($"/api/evidence/{item}/categories", new { categories = new[] { retired } });
        var missing = await supervisor.PutAsJsonAsync($"/api/evidence/{item}/categories", new { });

        var problem = await AssertNamesFieldAsync(unknown, "categories");
        Assert.That(problem.GetProperty("errors").GetProperty("categories")[0].GetString(), Does.Contain("no-such-category"));
        await AssertNamesFieldAsync(inactive, "categories");
        await AssertNamesFieldAsync(missing, "categories");
        Assert.That(await ReasonsAsync(item, CustodyAction.CategoriesAssigned), Is.Empty, "nothing was changed");
    }

    [Test]
    public async Task A_colleague_may_not_categorise_an_officers_recording_and_the_refusal_is_a_custody_event()
    {
        var (officer, unit) = await NewOfficerAsync();
        var (colleague, _) = await NewOfficerAsync(unit);
        var item = await Api.UploadVerifiedRecordingAsync(officer);

        var response = await Api.ClientFor(Roles.Officer, colleague, unit).PutAsJsonAsync($"/api/evidence/{item}/categories", new { categories = Array.Empty<string>() });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        await AssertDeniedAsync(item, colleague, "AssignCategories");
    }

    private static string Arrow(string[] before, string[] after) => $"categories {Listed(before)} → {Listed(after)}; assigned by hand";

    private static string Listed(string[] categories) => categories.Length == 0 ? "(none)" : string.Join(", ", categories.Order(StringComparer.Ordinal));
}
