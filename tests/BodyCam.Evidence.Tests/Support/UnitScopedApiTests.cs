using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// Tests of what officers, supervisors and custodians record about evidence. Every test makes its own officers and
/// units, so tests share the host but not their rows.
/// </summary>
public abstract class UnitScopedApiTests(ApiProfile profile) : ApiTests(profile)
{
    protected async Task<(string OfficerId, string Unit)> NewOfficerAsync(string? unit = null)
    {
        var officerId = NewId("officer");
        unit ??= NewId("Unit");
        var response = await Api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/officers/{officerId}", new { name = $"Officer {officerId}", unit });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (officerId, unit);
    }

    protected async Task<string> CreateCategoryAsync(string name)
    {
        var response = await Api.ClientFor(Roles.Admin, "ada").PostAsJsonAsync("/api/categories", new { name, retentionDays = 365 });
        return Text(await response.ReadAsync<JsonElement>(HttpStatusCode.Created), "id")!;
    }

    protected async Task<JsonElement> DetailAsync(Guid item) =>
        await (await Api.ClientFor(Roles.Custodian, "carol").GetAsync($"/api/evidence/{item}")).ReadAsync<JsonElement>(HttpStatusCode.OK);

    protected async Task<List<string?>> ReasonsAsync(Guid item, CustodyAction action)
    {
        await using var db = Api.OpenDb();
        return await db.CustodyEvents.Where(e => e.EvidenceId == item && e.Action == action).OrderBy(e => e.Sequence).Select(e => e.Reason).ToListAsync();
    }

    protected async Task AssertDeniedAsync(Guid item, string actorId, string reasonNames)
    {
        await using var db = Api.OpenDb();
        var denial = await db.CustodyEvents.SingleAsync(e => e.EvidenceId == item && e.Action == CustodyAction.AccessDenied && e.ActorId == actorId);
        Assert.That(denial.Outcome, Is.EqualTo(CustodyOutcome.Denied));
        Assert.That(denial.Reason, Does.Contain(reasonNames));
    }

    protected static async Task<JsonElement> AssertNamesFieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
        return problem;
    }

    protected static string? Text(JsonElement element, string property) => element.GetProperty(property).GetString();

    protected static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
