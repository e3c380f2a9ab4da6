using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Features;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Features.Evidence;

public sealed class FixityTests(ApiProfile profile) : FixityClockTests(profile)
{
    [Test]
    public async Task A_flipped_byte_quarantines_the_item_with_a_failed_custody_event_and_the_store_is_left_as_found()
    {
        await StartAsync();
        var tampered = await Api.UploadVerifiedRecordingAsync("officer-f1");
        var intact = await Api.UploadVerifiedRecordingAsync("officer-f1");
        Clock.Advance(Interval + TimeSpan.FromDays(1));
        var damaged = await StoredBlobs.FlipByteAsync(Settings, await BlobNameOfAsync(tampered), offset: 20);

        var run = await RunFixityAsync();

        Assert.That((run.Intact, run.Failed, run.Due), Is.EqualTo((1, 1, 0)));
        var item = await ItemAsync(tampered);
        var damagedSha256 = Convert.ToHexStringLower(SHA256.HashData(damaged));
        Assert.That(item.Status, Is.EqualTo(EvidenceStatus.Quarantined));
        Assert.That(item.QuarantineReason, Does.Contain($"hashing to {damagedSha256}").And.Contain(item.StreamSha256));
        var failed = await EventsAsync(tampered, CustodyAction.FixityFailed);
        Assert.That(failed.Select(e => (e.Outcome, e.ContentSha256, e.ActorId)), Is.EqualTo(new[] { (CustodyOutcome.Failed, damagedSha256, RecurringJobs.Fixity.Id) }));
        Assert.That(await ReadStoredAsync(item.BlobName), Is.EqualTo(damaged), "nothing is repaired silently");
        Assert.That((await ItemAsync(intact)).Status, Is.EqualTo(EvidenceStatus.Verified));
        Assert.That((await RunFixityAsync()).Failed, Is.Zero, "a quarantined item is not checked again");
    }

    [Test]
    public async Task A_deleted_blob_quarantines_the_item_as_missing()
    {
        await StartAsync();
        var evidenceId = await Api.UploadVerifiedRecordingAsync("officer-f2");
        var blobName = await BlobNameOfAsync(evidenceId);
        Clock.Advance(Interval + TimeSpan.FromDays(1));
        await StoredBlobs.DeleteAsync(Settings, blobName);

        var run = await RunFixityAsync();

        Assert.That((run.Intact, run.Failed), Is.EqualTo((0, 1)));
        var item = await ItemAsync(evidenceId);
        Assert.That((item.Status, item.QuarantineReason), Is.EqualTo((EvidenceStatus.Quarantined, $"fixity check failed: blob {blobName} is missing from the store; item quarantined")));
        var failed = (await EventsAsync(evidenceId, CustodyAction.FixityFailed)).Single();
        Assert.That((failed.Outcome, failed.ContentSha256), Is.EqualTo((CustodyOutcome.Failed, (string?)null)));
    }

    [Test]
    public async Task An_intact_item_gets_its_check_time_and_a_custody_event_and_stays_verified_until_due_again()
    {
        await StartAsync();
        var evidenceId = await Api.UploadVerifiedRecordingAsync("officer-f3");
        var verifiedAt = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromDays(29));
        var early = await RunFixityAsync();
        Clock.Advance(TimeSpan.FromDays(2));
        var checkedAt = Clock.GetUtcNow();

        var due = await RunFixityAsync();
        var again = await RunFixityAsync();

        Assert.That(early.Intact, Is.Zero, "verification itself proved the bytes; nothing is due within the interval");
        Assert.That((due.Intact, due.Failed, due.Bytes), Is.EqualTo((1, 0, 46L)));
        Assert.That(again.Intact, Is.Zero, "a run right after finds nothing due");
        var item = await ItemAsync(evidenceId);
        Assert.That((item.Status, item.LastFixityCheckAt, item.VerifiedAt), Is.EqualTo((EvidenceStatus.Verified, (DateTimeOffset?)checkedAt, (DateTimeOffset?)verifiedAt)));
        var check = (await EventsAsync(evidenceId, CustodyAction.FixityChecked)).Single();
        Assert.That((check.Outcome, check.ContentSha256, check.Time), Is.EqualTo((CustodyOutcome.Succeeded, item.StreamSha256, checkedAt)));
    }

    [Test]
    public async Task The_longest_unchecked_items_go_first_and_a_run_stops_at_its_item_bound()
    {
        await StartAsync(("Fixity:MaxItemsPerRun", "1"));
        var first = await Api.UploadVerifiedRecordingAsync("officer-f4");
        var second = await Api.UploadVerifiedRecordingAsync("officer-f4");
        var third = await Api.UploadVerifiedRecordingAsync("officer-f4");
        // Checked last 35, 45 and 40 days ago: the order of the checks, not of receipt, decides.
        await using (var db = Api.OpenDb())
        {
            foreach (var (id, daysAgo) in new[] { (first, 35), (second, 45), (third, 40) })
            {
                (await db.EvidenceItems.SingleAsync(e => e.Id == id)).RecordFixityCheck(Clock.GetUtcNow().AddDays(-daysAgo));
            }
            await db.SaveChangesAsync();
        }

        var runs = new List<FixityRun>();
        for (var i = 0; i < 4; i++)
        {
            runs.Add(await RunFixityAsync());
        }

        Assert.That(runs.Select(r => (r.Intact, r.Due)), Is.EqualTo(new[] { (1, 2), (1, 1), (1, 0), (0, 0) }));
        await using var reader = Api.OpenDb();
        var order = await reader.CustodyEvents.Where(e => e.Action == CustodyAction.FixityChecked).OrderBy(e => e.Sequence).Select(e => e.EvidenceId).ToListAsync();
        Assert.That(order, Is.EqualTo(new Guid?[] { second, third, first }));
    }

    [Test]
    public async Task A_run_stops_before_its_byte_bound()
    {
        await StartAsync(("Fixity:MaxBytesPerRun", "100"));
        for (var i = 0; i < 3; i++)
        {
            await Api.UploadVerifiedRecordingAsync("officer-f5");
        }
        Clock.Advance(Interval + TimeSpan.FromDays(1));

        var first = await RunFixityAsync();
        var second = await RunFixityAsync();

        Assert.That((first.Intact, first.Bytes, first.Due), Is.EqualTo((2, 92L, 1)), "a third 46-byte item would pass 100 bytes");
        Assert.That((second.Intact, second.Due), Is.EqualTo((1, 0)));
    }

    [Test]
    public async Task An_item_larger_than_the_byte_bound_is_still_checked_alone()
    {
        await StartAsync(("Fixity:MaxBytesPerRun", "10"));
        var large = await Api.UploadVerifiedRecordingAsync("officer-f5");
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Api.UploadVerifiedRecordingAsync("officer-f5");
        Clock.Advance(Interval + TimeSpan.FromDays(1));

        var run = await RunFixityAsync();

        Assert.That((run.Intact, run.Due), Is.EqualTo((1, 1)));
        Assert.That((await ItemAsync(large)).LastFixityCheckAt, Is.EqualTo(Clock.GetUtcNow()));
    }

    [Test]
    public async Task A_custodian_checks_an_item_before_it_is_due_and_the_answer_and_custody_event_say_it_is_intact()
    {
        await StartAsync();
        var evidenceId = await Api.UploadVerifiedRecordingAsync("officer-f7");
        Clock.Advance(TimeSpan.FromDays(1));
        var checkedAt = Clock.GetUtcNow();

        var response = await Api.ClientFor(Roles.Custodian, "carol").PostAsync($"/api/evidence/{evidenceId}/fixity-check", null);

        var found = await response.ReadAsync<FixityCheckResult>(HttpStatusCode.OK);
        var item = await ItemAsync(evidenceId);
        Assert.That(found, Is.EqualTo(new FixityCheckResult(
            evidenceId, "Intact", checkedAt, 46, item.StreamSha256, 46, item.StreamSha256, "Verified",
            string.Create(CultureInfo.InvariantCulture, $"fixity: the stored 46 bytes hash to the SHA-256 recorded at receipt; intact on {checkedAt:O}"))));
        Assert.That((item.Status, item.LastFixityCheckAt), Is.EqualTo((EvidenceStatus.Verified, (DateTimeOffset?)checkedAt)));
        var check = (await EventsAsync(evidenceId, CustodyAction.FixityChecked)).Single();
        Assert.That((check.ActorId, check.ActorRole, check.Outcome, check.ContentSha256, check.Reason), Is.EqualTo(("carol", Roles.Custodian, CustodyOutcome.Succeeded, item.StreamSha256, found.Reason)));
        Clock.Advance(Interval - TimeSpan.FromHours(1));
        Assert.That((await RunFixityAsync()).Intact, Is.Zero, "the next scheduled check is due an interval after this one");
    }

    [TestCase("flipped")]
    [TestCase("deleted")]
    public async Task A_custodian_check_of_a_damaged_blob_quarantines_the_item_as_the_scheduled_check_does(string damage)
    {
        await StartAsync();
        var evidenceId = await Api.UploadVerifiedRecordingAsync("officer-f8");
        var blobName = await BlobNameOfAsync(evidenceId);
        string? damagedSha256 = null;
        if (damage == "flipped")
        {
            damagedSha256 = Convert.ToHexStringLower(SHA256.HashData(await StoredBlobs.FlipByteAsync(Settings, blobName, offset: 7)));
        }
        else
        {
            await StoredBlobs.DeleteAsync(Settings, blobName);
        }

        var response = await Api.ClientFor(Roles.Custodian, "carol").PostAsync($"/api/evidence/{evidenceId}/fixity-check", null);

        var found = await response.ReadAsync<FixityCheckResult>(HttpStatusCode.OK);
        var item = await ItemAsync(evidenceId);
        Assert.That(
            (found.Outcome, found.StoredBytes, found.StoredSha256, found.ReceivedSha256, found.Status),
            Is.EqualTo((damage == "flipped" ? "Changed" : "Missing", damage == "flipped" ? 46L : (long?)null, damagedSha256, item.StreamSha256, "Quarantined")));
        Assert.That((item.Status, item.QuarantineReason), Is.EqualTo((EvidenceStatus.Quarantined, found.Reason)));
        Assert.That(found.Reason, Does.StartWith("fixity check failed: ").And.EndWith("; item quarantined"));
        var failed = (await EventsAsync(evidenceId, CustodyAction.FixityFailed)).Single();
        Assert.That((failed.ActorId, failed.Outcome, failed.ContentSha256, failed.Reason), Is.EqualTo(("carol", CustodyOutcome.Failed, damagedSha256, found.Reason)));
        Assert.That((await RunFixityAsync()).Failed, Is.Zero, "a quarantined item waits for a person");
    }

    [Test]
    public async Task A_custodian_check_of_a_quarantined_item_is_a_409_naming_why_and_a_custody_event()
    {
        await StartAsync();
        var evidenceId = await Api.UploadVerifiedRecordingAsync("officer-f9");
        await StoredBlobs.DeleteAsync(Settings, await BlobNameOfAsync(evidenceId));
        var custodian = Api.ClientFor(Roles.Custodian, "carol");
        (await custodian.PostAsync($"/api/evidence/{evidenceId}/fixity-check", null)).EnsureSuccessStatusCode();

        var again = await custodian.PostAsync($"/api/evidence/{evidenceId}/fixity-check", null);

        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("already quarantined").And.Contain("is missing from the store"));
        var refused = (await EventsAsync(evidenceId, CustodyAction.FixityCheckRefused)).Single();
        Assert.That((refused.ActorId, refused.Outcome), Is.EqualTo(("carol", CustodyOutcome.Denied)));
        Assert.That(await EventsAsync(evidenceId, CustodyAction.FixityFailed), Has.Count.EqualTo(1), "the quarantined item was not checked again");
    }

    [TestCase(Roles.Supervisor)]
    [TestCase(Roles.Auditor)]
    [TestCase(Roles.Admin)]
    public async Task Only_a_custodian_checks_fixity_on_demand_and_a_refusal_is_a_custody_event_on_the_item(string role)
    {
        await StartAsync();
        var evidenceId = await Api.UploadVerifiedRecordingAsync("officer-f10");
        var before = await ItemAsync(evidenceId);
        Clock.Advance(TimeSpan.FromHours(1));

        var refused = await Api.ClientFor(role, "not-a-custodian", "Unit-F").PostAsync($"/api/evidence/{evidenceId}/fixity-check", null);

        await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
        var denial = (await EventsAsync(evidenceId, CustodyAction.AccessDenied)).Single();
        Assert.That((denial.ActorId, denial.ActorRole, denial.Outcome), Is.EqualTo(("not-a-custodian", role, CustodyOutcome.Denied)));
        Assert.That(denial.Reason, Does.Contain("CheckFixityNow requires Custodian"));
        Assert.That((await ItemAsync(evidenceId)).LastFixityCheckAt, Is.EqualTo(before.LastFixityCheckAt), "nothing was checked");
        Assert.That(await EventsAsync(evidenceId, CustodyAction.FixityChecked), Is.Empty);
    }

    [Test]
    public async Task A_custodian_check_of_an_unknown_item_is_a_404_and_records_no_check()
    {
        await StartAsync();
        var unknown = Guid.NewGuid();

        var response = await Api.ClientFor(Roles.Custodian, "carol").PostAsync($"/api/evidence/{unknown}/fixity-check", null);

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(unknown.ToString()));
        await using var db = Api.OpenDb();
        Assert.That(await db.CustodyEvents.AnyAsync(e => e.Action == CustodyAction.FixityChecked || e.Action == CustodyAction.FixityFailed), Is.False);
    }

    private async Task<FixityRun> RunFixityAsync()
    {
        await using var scope = Api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckFixityJob>().RunAsync(CancellationToken.None);
    }

    private async Task<byte[]> ReadStoredAsync(string blobName)
    {
        await using var stored = await Api.Service<IBlobStore>().OpenReadAsync(blobName, 0, null, CancellationToken.None);
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        return copy.ToArray();
    }
}
