using System.Net;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Admin;

public sealed class RunJobTests(ApiProfile profile) : FixityClockTests(profile)
{
    [Test]
    public async Task Admin_runs_fixity_now_the_answer_names_the_background_job_and_the_run_quarantines_a_damaged_item()
    {
        await StartAsync();
        var evidenceId = await Api.UploadVerifiedRecordingAsync("officer-f6");
        Clock.Advance(Interval + TimeSpan.FromDays(1));
        await StoredBlobs.FlipByteAsync(Settings, await BlobNameOfAsync(evidenceId), offset: 0);

        var response = await Api.ClientFor(Roles.Admin, "ada").PostAsync("/api/admin/jobs/fixity/run", null);

        var run = await response.ReadAsync<JsonElement>(HttpStatusCode.Accepted);
        var jobId = run.GetProperty("jobId").GetString();
        Assert.That(jobId, Is.Not.Empty);
        Assert.That((run.GetProperty("job").GetString(), run.GetProperty("recurringJobId").GetString()), Is.EqualTo(("fixity", "fixity")));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/hangfire/jobs/details/{jobId}"));
        var item = await WaitForAsync(evidenceId, e => e.Status != EvidenceStatus.Verified);
        Assert.That(item.Status, Is.EqualTo(EvidenceStatus.Quarantined));
        Assert.That(await EventsAsync(evidenceId, CustodyAction.FixityFailed), Has.Count.EqualTo(1));
        await using var db = Api.OpenDb();
        var requested = await db.CustodyEvents.SingleAsync(e => e.Action == CustodyAction.JobRunRequested);
        Assert.That((requested.ActorId, requested.ActorRole, requested.EvidenceId), Is.EqualTo(("ada", Roles.Admin, (Guid?)null)));
        Assert.That(requested.Reason, Does.Contain($"background job {jobId}"));
    }

    [Test]
    public async Task Each_named_job_runs_and_the_names_map_to_the_registered_recurring_jobs()
    {
        await StartAsync();
        var admin = Api.ClientFor(Roles.Admin, "ada");
        var expected = new Dictionary<string, string>
        {
            ["retention-sweep"] = "retention-sweep",
            ["purge"] = "purge",
            ["fixity"] = "fixity",
            ["checkpoint"] = "sign-checkpoint",
            ["reconciliation"] = "reconcile-stuck-work",
            ["expire-uploads"] = "expire-abandoned-uploads",
            ["view-sessions"] = "view-sessions",
        };
        var jobIds = new HashSet<string>();
        foreach (var (job, recurringJobId) in expected)
        {
            var run = await (await admin.PostAsync($"/api/admin/jobs/{job}/run", null)).ReadAsync<JsonElement>(HttpStatusCode.Accepted);
            Assert.That(run.GetProperty("recurringJobId").GetString(), Is.EqualTo(recurringJobId), job);
            jobIds.Add(run.GetProperty("jobId").GetString()!);
        }

        Assert.That(jobIds, Has.Count.EqualTo(expected.Count), "each run is a background job of its own");
        await using var db = Api.OpenDb();
        Assert.That(await db.CustodyEvents.CountAsync(e => e.Action == CustodyAction.JobRunRequested), Is.EqualTo(expected.Count));
    }

    [Test]
    public async Task An_unknown_job_is_404_listing_the_known_ones_and_an_unregistered_one_is_404_naming_it()
    {
        await StartAsync();
        var admin = Api.ClientFor(Roles.Admin, "ada");
        var unknown = await admin.PostAsync("/api/admin/jobs/defragment/run", null);
        Api.Service<IRecurringJobManager>().RemoveIfExists("purge");
        var unregistered = await admin.PostAsync("/api/admin/jobs/purge/run", null);

        var unknownDetail = (await unknown.AssertProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString();
        Assert.That(unknownDetail, Does.Contain("'defragment'"));
        foreach (var known in new[] { "retention-sweep", "purge", "fixity", "checkpoint", "reconciliation", "expire-uploads", "view-sessions" })
        {
            Assert.That(unknownDetail, Does.Contain(known));
        }
        Assert.That((await unregistered.AssertProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString(), Does.Contain("'purge'").And.Contain("not registered"));
        await using var db = Api.OpenDb();
        Assert.That(await db.CustodyEvents.AnyAsync(e => e.Action == CustodyAction.JobRunRequested), Is.False);
    }

    [Test]
    public async Task Only_an_admin_may_run_a_job_and_a_refusal_is_a_custody_event()
    {
        await StartAsync();

        var refused = await Api.ClientFor(Roles.Custodian, "carol").PostAsync("/api/admin/jobs/fixity/run", null);

        await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
        await using var db = Api.OpenDb();
        var denial = await db.CustodyEvents.SingleAsync(e => e.Action == CustodyAction.AccessDenied);
        Assert.That((denial.ActorId, denial.Outcome), Is.EqualTo(("carol", CustodyOutcome.Denied)));
        Assert.That(await db.CustodyEvents.AnyAsync(e => e.Action == CustodyAction.JobRunRequested), Is.False);
    }

    private async Task<EvidenceItem> WaitForAsync(Guid evidenceId, Func<EvidenceItem, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var item = await ItemAsync(evidenceId);
            if (condition(item) || DateTime.UtcNow > deadline)
            {
                return item;
            }
            await Task.Delay(200);
        }
    }
}
