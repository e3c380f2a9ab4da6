using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Categories;

/// <summary>The agency's categories as an administrator creates them.</summary>
public sealed class CategoryTests(ApiProfile profile) : UnitScopedApiTests(profile)
{
    [Test]
    public async Task An_admin_creates_a_category_under_the_slug_of_its_name_and_a_second_of_that_name_gets_a_suffix()
    {
        var admin = Api.ClientFor(Roles.Admin, "ada");
        var word = NewId("Traffic");

        var first = await admin.PostAsJsonAsync("/api/categories", new { name = $"{word} Stop — Côte", retentionDays = (int?)null });
        var second = await admin.PostAsJsonAsync("/api/categories", new { name = $"{word} stop: côte", retentionDays = 30 });
        var blank = await admin.PostAsJsonAsync("/api/categories", new { name = "  ", retentionDays = 30 });
        var byOfficer = await Api.ClientFor(Roles.Officer, NewId("officer")).PostAsJsonAsync("/api/categories", new { name = "Mine", retentionDays = 30 });

        var slug = $"{word.ToLowerInvariant()}-stop-cote";
        var created = await first.ReadAsync<JsonElement>(HttpStatusCode.Created);
        Assert.That(first.Headers.Location?.ToString(), Is.EqualTo($"/api/categories/{slug}"));
        Assert.That(
            (Text(created, "id"), Text(created, "name"), created.GetProperty("retentionDays").ValueKind, created.GetProperty("active").GetBoolean()),
            Is.EqualTo((slug, $"{word} Stop — Côte", JsonValueKind.Null, true)));
        Assert.That(Text(await second.ReadAsync<JsonElement>(HttpStatusCode.Created), "id"), Is.EqualTo(slug + "-2"));
        await AssertNamesFieldAsync(blank, "name");
        await byOfficer.AssertProblemAsync(HttpStatusCode.Forbidden);
        var listed = await (await admin.GetAsync("/api/categories")).ReadAsync<JsonElement>(HttpStatusCode.OK);
        Assert.That(listed.EnumerateArray().Select(c => Text(c, "id")), Is.SupersetOf(new[] { slug, slug + "-2" }));
        await using var db = Api.OpenDb();
        Assert.That(
            await db.CustodyEvents.CountAsync(e => e.Action == CustodyAction.CategoryRecorded && e.Reason!.StartsWith($"category {slug} ")),
            Is.EqualTo(1));
    }
}
