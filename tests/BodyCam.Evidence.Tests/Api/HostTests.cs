using System.Net;
using BodyCam.Evidence.Features;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Api;

public sealed class HostTests(ApiProfile profile) : ApiTests(profile)
{
    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    public async Task Health_endpoints_answer_healthy_without_credentials(string path)
    {
        var response = await Api.CreateClient().GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task The_OpenAPI_document_describes_the_endpoints_and_Scalar_renders_it()
    {
        var client = Api.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");
        var reference = await client.GetAsync("/scalar");

        Assert.That(document, Does.Contain("\"/api/docks\"").And.Contain("\"/api/me\""));
        Assert.That(reference.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(reference.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
    }

    [Test]
    public async Task The_job_dashboard_is_for_admins_only_and_sends_a_visitor_without_a_session_to_sign_in()
    {
        var anonymous = await Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/hangfire");
        var supervisor = await Api.ClientFor(Roles.Supervisor, "sam").GetAsync("/hangfire");
        var admin = await Api.ClientFor(Roles.Admin, "ada").GetAsync("/hangfire");

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(anonymous.Headers.Location?.ToString(), Does.Contain("/signin?ReturnUrl="));
        Assert.That(supervisor.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await admin.Content.ReadAsStringAsync(), Does.Contain("Hangfire"));
    }

    [Test]
    public void Reconciliation_is_scheduled_as_a_recurring_job()
    {
        using var connection = Api.Services.GetRequiredService<JobStorage>().GetConnection();

        var recurring = connection.GetRecurringJobs();

        Assert.That(recurring.Select(job => job.Id), Does.Contain(RecurringJobs.Reconciliation.Id));
    }

    [Test]
    public void Every_recurring_job_is_scheduled_under_its_id_and_names_one_job()
    {
        using var connection = Api.Services.GetRequiredService<JobStorage>().GetConnection();

        var recurring = connection.GetRecurringJobs();

        Assert.That(recurring.Select(job => job.Id), Is.SupersetOf(RecurringJobs.All.Select(job => job.Id)));
        Assert.That(RecurringJobs.All.Select(job => job.Id), Is.Unique);
        Assert.That(RecurringJobs.All.Select(job => job.Name), Is.Unique);
    }

    [Test]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var response = await Api.ClientFor(Roles.Admin, "ada").GetAsync("/api/no-such-thing");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
