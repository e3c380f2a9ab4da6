using System.Net;
using System.Net.Http.Headers;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Identity;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Infrastructure.Identity;

public sealed class AuthenticationTests(ApiProfile profile) : ApiTests(profile)
{
    [Test]
    public async Task A_request_without_credentials_is_a_401_problem_and_a_custody_event()
    {
        var response = await Api.CreateClient().GetAsync("/api/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await using var db = Api.OpenDb();
        var failures = await db.CustodyEvents.Where(e => e.Action == CustodyAction.AuthenticationFailed && e.Reason == "GET /api/me").ToListAsync();
        Assert.That(failures, Is.Not.Empty);
        Assert.That(failures.Select(e => (e.ActorKind, e.Outcome)), Is.All.EqualTo((ActorKind.Anonymous, CustodyOutcome.Denied)));
    }

    [Test]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJtYWxsb3J5Iiwicm9sZSI6IkFkbWluIn0.c2lnbmF0dXJlLW9mLW5vYm9keQ");

        var response = await client.GetAsync("/api/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_token_from_the_bodycam_cli_is_accepted_with_its_role_and_unit()
    {
        var output = await LocalServices.RunAsync("dotnet", BodyCam.Evidence.Tests.Cli.CliTests.CliAssembly, "token", "--role", "Supervisor", "--sub", "alice", "--unit", "A", "--data-root", Api.DataRoot);
        var token = output.TrimEnd().Split('\n')[^1];
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var me = await (await client.GetAsync("/api/me")).ReadAsync<CurrentActorDescription>(HttpStatusCode.OK);

        Assert.That(me, Is.EqualTo(new CurrentActorDescription("alice", "User", Roles.Supervisor, "A")));
    }
}
