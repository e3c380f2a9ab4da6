using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Identity;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BodyCam.Evidence.Tests.Infrastructure.Identity;

/// <summary>
/// Tokens signed with the server's own key, so only their claims can be wrong: each such token is a 401 whose
/// custody event says which rule it broke, and none of them is ever recorded as an actor.
/// </summary>
public sealed class BearerTokenTests(ApiProfile profile) : ApiTests(profile)
{
    public static IEnumerable<TestCaseData> MalformedClaims()
    {
        yield return Case("without sub", new() { ["role"] = Roles.Auditor }, "no 'sub' claim");
        yield return Case("without exp", new() { ["sub"] = "ann", ["role"] = Roles.Auditor, ["exp"] = null }, "no 'exp' claim");
        yield return Case("with two roles", new() { ["sub"] = "ann", ["role"] = new[] { Roles.Officer, Roles.Admin } }, "'role' claim has 2 values");
        yield return Case("with a machine's role", new() { ["sub"] = "ann", ["role"] = Roles.Dock }, "'role' claim must be one of");
        yield return Case("without role", new() { ["sub"] = "ann" }, "no 'role' claim");
        yield return Case("with a NUL in sub", new() { ["sub"] = "ann\0", ["role"] = Roles.Auditor }, "'sub' claim is refused: U+0000");
        yield return Case("with a right-to-left override in sub", new() { ["sub"] = "nna\u202Eann", ["role"] = Roles.Auditor }, "'sub' claim is refused: U+202E");
        yield return Case("with a sub of only spaces", new() { ["sub"] = "   ", ["role"] = Roles.Auditor }, "'sub' claim must be 1-200 characters");
        yield return Case("with a sub too long to record", new() { ["sub"] = new string('a', 201), ["role"] = Roles.Auditor }, "'sub' claim must be 1-200 characters");
        yield return Case("with two units", new() { ["sub"] = "ann", ["role"] = Roles.Officer, ["unit"] = new[] { "A", "B" } }, "2 'unit' claims");
        yield return Case("with a NUL in unit", new() { ["sub"] = "ann", ["role"] = Roles.Officer, ["unit"] = "A\0" }, "'unit' claim is refused: U+0000");

        static TestCaseData Case(string name, Dictionary<string, object?> claims, string why) => new TestCaseData(claims, why).SetArgDisplayNames(name);
    }

    [Test]
    public async Task A_token_with_one_subject_expiry_role_and_unit_is_accepted()
    {
        var me = await (await GetMeAsync(new() { ["sub"] = "ann", ["role"] = Roles.Officer, ["unit"] = "A" })).ReadAsync<CurrentActorDescription>(HttpStatusCode.OK);

        Assert.That(me, Is.EqualTo(new CurrentActorDescription("ann", "User", Roles.Officer, "A")));
    }

    [TestCaseSource(nameof(MalformedClaims))]
    public async Task A_signed_token_with_malformed_claims_is_a_401_whose_custody_event_says_why(Dictionary<string, object?> claims, string why)
    {
        await using var db = Api.OpenDb();
        var before = await db.CustodyEvents.MaxAsync(e => e.Sequence) ?? -1;

        var response = await GetMeAsync(claims);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var failures = await db.CustodyEvents.Where(e => e.Sequence > before && e.Action == CustodyAction.AuthenticationFailed).ToListAsync();
        Assert.That(failures.Select(e => e.Reason), Has.All.Contains(why));
        Assert.That(failures.Select(e => (e.ActorId, e.ActorKind, e.Outcome, e.Reason!.Split(':')[0])),
            Is.EqualTo(new[] { ("anonymous", ActorKind.Anonymous, CustodyOutcome.Denied, "GET /api/me") }),
            "one refusal, recorded under no one's name");
    }

    private Task<HttpResponseMessage> GetMeAsync(Dictionary<string, object?> claims)
    {
        var identity = Api.Service<EvidenceSettings>().Identity;
        var payload = new Dictionary<string, object?>
        {
            ["iss"] = LocalSigningKey.Issuer,
            ["aud"] = identity.Audience,
            ["exp"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds(),
        };
        foreach (var (claim, value) in claims)
        {
            payload[claim] = value;
        }
        var token = new JsonWebTokenHandler().CreateToken(
            JsonSerializer.Serialize(payload.Where(claim => claim.Value is not null).ToDictionary()),
            new SigningCredentials(LocalSigningKey.LoadOrCreate(identity.LocalSigningKeyPath), SecurityAlgorithms.HmacSha256));
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.GetAsync("/api/me");
    }
}
