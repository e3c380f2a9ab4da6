using System.Net;
using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Cases;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Features.Disposition;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Disposition;
using BodyCam.Evidence.Verification.Notes;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Disposition;

public sealed class DispositionTests(ApiProfile profile) : RetentionClockTests(profile)
{
    [Test]
    public async Task Sweep_lists_expired_items_and_leaves_those_an_item_case_or_officer_hold_or_an_open_case_keeps()
    {
        var free = await Api.UploadVerifiedRecordingAsync("officer-free");
        var heldByName = await Api.UploadVerifiedRecordingAsync("officer-free");
        var heldByCase = await Api.UploadVerifiedRecordingAsync("officer-free");
        var inOpenCase = await Api.UploadVerifiedRecordingAsync("officer-free");
        var heldByOfficerRange = await Api.UploadVerifiedRecordingAsync("officer-held");
        await LinkToCaseAsync(heldByCase, "24-1187", CaseStatus.Closed);
        await LinkToCaseAsync(inOpenCase, "24-2000", CaseStatus.Open);
        await PlaceHoldAsync(new { reason = "Preserve", matter = "Doe v. City", evidenceIds = new[] { heldByName } });
        await PlaceHoldAsync(new { reason = "Preserve", matter = "Case hold", caseNumber = "24-1187" });
        await PlaceHoldAsync(new
        {
            reason = "Preserve", matter = "Officer review", officerId = "officer-held", from = RecordedStart.AddHours(-1), to = RecordedStart.AddHours(1),
        });

        Clock.Advance(AYear);
        await RunAsync<SweepRetentionJob>(job => job.RunAsync(CancellationToken.None));

        Assert.Multiple(async () =>
        {
            Assert.That(await DispositionOfAsync(free), Is.EqualTo(DispositionState.EligibleForDisposition));
            foreach (var kept in new[] { heldByName, heldByCase, inOpenCase, heldByOfficerRange })
            {
                Assert.That(await DispositionOfAsync(kept), Is.EqualTo(DispositionState.Retained), $"item {kept}");
            }
        });
        var eligible = await Custodian("carol").GetFromJsonAsync<List<EligibleRow>>("/api/disposition/eligible");
        Assert.That(eligible!.Select(e => e.EvidenceId), Is.EqualTo(new[] { free }));
        Assert.That(await ActionsOfAsync(free), Does.Contain(CustodyAction.EligibleForDisposition));
    }

    [Test]
    public async Task Destroying_held_or_unexpired_evidence_is_refused_with_409_and_audited_on_every_path()
    {
        var fresh = await Api.UploadVerifiedRecordingAsync("officer-r2");
        var held = await Api.UploadVerifiedRecordingAsync("officer-r2");
        await PlaceHoldAsync(new { reason = "Preserve", matter = "Doe v. City", evidenceIds = new[] { held } });
        Clock.Advance(TimeSpan.FromDays(10));
        var unexpired = await Custodian("carol").PostAsJsonAsync($"/api/evidence/{fresh}/disposition-requests", new { reason = "Tidy up" });
        Clock.Advance(AYear);
        var whileHeld = await Custodian("carol").PostAsJsonAsync($"/api/evidence/{held}/disposition-requests", new { reason = "Tidy up" });
        var plainDelete = await Custodian("carol").DeleteAsync($"/api/evidence/{held}");

        var problem = await unexpired.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("retained until"));
        Assert.That((await whileHeld.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), Does.Contain("legal hold"));
        await plainDelete.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(await RefusalsOfAsync(fresh), Is.EqualTo(1));
        Assert.That(await RefusalsOfAsync(held), Is.EqualTo(2));
        Assert.That(await DispositionOfAsync(held), Is.EqualTo(DispositionState.Retained));
    }

    [Test]
    public async Task Disposition_needs_two_different_custodians_and_a_soft_deleted_item_can_be_restored()
    {
        var item = await Api.UploadVerifiedRecordingAsync("officer-r3");
        Clock.Advance(AYear);
        var request = await RequestDispositionAsync(item, "carol");

        var selfApproval = await Custodian("carol").PostAsync($"/api/disposition-requests/{request}/approve", null);
        var approval = await Custodian("dave").PostAsync($"/api/disposition-requests/{request}/approve", null);
        var softDeleted = await DispositionOfAsync(item);
        var restore = await Custodian("erin").PostAsJsonAsync($"/api/evidence/{item}/restore", new { reason = "Complaint filed after all" });

        await selfApproval.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(approval.StatusCode, Is.EqualTo(HttpStatusCode.OK), await approval.Content.ReadAsStringAsync());
        Assert.That(softDeleted, Is.EqualTo(DispositionState.SoftDeleted));
        Assert.That(restore.StatusCode, Is.EqualTo(HttpStatusCode.OK), await restore.Content.ReadAsStringAsync());
        Assert.That(await DispositionOfAsync(item), Is.EqualTo(DispositionState.Retained));
        Assert.That(await ActionsOfAsync(item), Is.SupersetOf(new[]
        {
            CustodyAction.DispositionRequested, CustodyAction.AccessDenied, CustodyAction.DispositionApproved, CustodyAction.Restored,
        }));

        Clock.Advance(TimeSpan.FromDays(31));
        await RunAsync<PurgeDisposedJob>(job => job.RunAsync(CancellationToken.None));
        Assert.That(await DispositionOfAsync(item), Is.EqualTo(DispositionState.Retained), "a restored item is not purged");
    }

    [Test]
    public async Task Purge_deletes_the_blob_keeps_a_tombstone_and_issues_a_certificate_that_verifies_against_the_ledger()
    {
        var item = await Api.UploadVerifiedRecordingAsync("officer-r4");
        var held = await Api.UploadVerifiedRecordingAsync("officer-r4");
        Clock.Advance(AYear);
        foreach (var id in new[] { item, held })
        {
            var request = await RequestDispositionAsync(id, "carol");
            (await Custodian("dave").PostAsync($"/api/disposition-requests/{request}/approve", null)).EnsureSuccessStatusCode();
        }
        await PlaceHoldAsync(new { reason = "Late subpoena", matter = "Roe v. City", evidenceIds = new[] { held } });

        Clock.Advance(TimeSpan.FromDays(29));
        var tooEarly = await RunAsync<PurgeDisposedJob, Guid?>(job => job.RunAsync(CancellationToken.None));
        Clock.Advance(TimeSpan.FromDays(2));
        var certificateId = await RunAsync<PurgeDisposedJob, Guid?>(job => job.RunAsync(CancellationToken.None));

        Assert.That(tooEarly, Is.Null, "nothing is purged inside the restore window");
        Assert.That(certificateId, Is.Not.Null);
        string blob, heldBlob;
        await using (var db = Api.OpenDb())
        {
            var tombstone = await db.EvidenceItems.SingleAsync(e => e.Id == item);
            (blob, heldBlob) = (tombstone.BlobName, (await db.EvidenceItems.SingleAsync(e => e.Id == held)).BlobName);
            Assert.That((tombstone.Disposition, tombstone.StreamSha256.Length, tombstone.DispositionCertificateId), Is.EqualTo((DispositionState.Purged, 64, certificateId)));
            Assert.That(await DispositionOfAsync(held), Is.EqualTo(DispositionState.SoftDeleted), "a hold placed in the window stops the purge");
        }
        var store = Api.Service<IBlobStore>();
        Assert.That(await store.GetSizeAsync(blob, CancellationToken.None), Is.Null);
        Assert.That(await store.GetSizeAsync(heldBlob, CancellationToken.None), Is.Not.Null);

        var note = await Custodian("carol").GetStringAsync($"/api/disposition-certificates/{certificateId}");
        var (certificate, problem) = DispositionCertificateDocument.Verify(note, Api.Service<NoteSigner>().VerifierKey);
        Assert.That(problem, Is.Null);
        var destroyed = certificate!.Items.Single();
        await using (var db = Api.OpenDb())
        {
            var purge = await db.CustodyEvents.SingleAsync(e => e.EvidenceId == item && e.Action == CustodyAction.Purged);
            Assert.That((destroyed.EvidenceId, destroyed.PurgeEventIndex, destroyed.PurgeEventLeafHash), Is.EqualTo((item, purge.Sequence, Convert.ToHexStringLower(purge.LeafHash))));
            Assert.That((destroyed.RequestedBy, destroyed.ApprovedBy), Is.EqualTo(("carol", "dave")));
        }
        var tampered = note.Replace("carol", "mallory", StringComparison.Ordinal);
        Assert.That(DispositionCertificateDocument.Verify(tampered, Api.Service<NoteSigner>().VerifierKey).Problem, Does.Contain("not signed"));

        var (verified, report) = await VerifyWithCliAsync(note);
        var (refused, refusal) = await VerifyWithCliAsync(tampered);
        Assert.That(verified, Is.EqualTo(0), report);
        Assert.That(report, Does.Contain($"{item}: purge event {destroyed.PurgeEventIndex} found in the ledger").And.Contain("certificate matches the ledger"));
        Assert.That(refused, Is.EqualTo(1), refusal);
        Assert.That(refusal, Does.Contain("FAILED"));
    }

    [Test]
    public async Task A_disposition_or_restore_reason_of_the_longest_length_is_quoted_whole_and_one_more_is_a_400_naming_it()
    {
        var item = await Api.UploadVerifiedRecordingAsync("officer-r6");
        Clock.Advance(AYear);
        var (asked, withdrawn) = (Text('d', CustodyEvent.MaxReasonTextLength), Text('w', CustodyEvent.MaxReasonTextLength));

        var longerRequest = await Custodian("carol").PostAsJsonAsync($"/api/evidence/{item}/disposition-requests", new { reason = asked + "d" });
        var request = await Custodian("carol").PostAsJsonAsync($"/api/evidence/{item}/disposition-requests", new { reason = asked });
        Assert.That(request.StatusCode, Is.EqualTo(HttpStatusCode.Created), await request.Content.ReadAsStringAsync());
        var requestId = (await request.Content.ReadFromJsonAsync<RequestRow>())!.Id;
        var approval = await Custodian("dave").PostAsync($"/api/disposition-requests/{requestId}/approve", null);
        Assert.That(approval.StatusCode, Is.EqualTo(HttpStatusCode.OK), await approval.Content.ReadAsStringAsync());
        var longerRestore = await Custodian("erin").PostAsJsonAsync($"/api/evidence/{item}/restore", new { reason = withdrawn + "w" });
        var restore = await Custodian("erin").PostAsJsonAsync($"/api/evidence/{item}/restore", new { reason = withdrawn });
        Assert.That(restore.StatusCode, Is.EqualTo(HttpStatusCode.OK), await restore.Content.ReadAsStringAsync());

        await AssertRefusedNamingAsync(longerRequest, "reason");
        await AssertRefusedNamingAsync(longerRestore, "reason");
        await using var db = Api.OpenDb();
        var reasons = await db.CustodyEvents.Where(e => e.EvidenceId == item && e.Reason!.StartsWith($"disposition request {requestId}"))
            .OrderBy(e => e.Sequence).Select(e => new { e.Action, e.Reason }).ToListAsync();
        Assert.That(reasons.Select(e => e.Action), Is.EqualTo(new[] { CustodyAction.DispositionRequested, CustodyAction.DispositionApproved, CustodyAction.Restored }));
        Assert.Multiple(() =>
        {
            Assert.That(reasons[0].Reason, Is.EqualTo($"disposition request {requestId}: {asked}; awaiting approval by another custodian"));
            Assert.That(reasons[1].Reason, Does.StartWith($"disposition request {requestId} by carol ({asked}) approved;"));
            Assert.That(reasons[2].Reason, Is.EqualTo($"disposition request {requestId} withdrawn: {withdrawn}"));
        });
    }

    private async Task<(int ExitCode, string Output)> VerifyWithCliAsync(string certificate)
    {
        var file = Path.Combine(Api.DataRoot, $"certificate-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, certificate);
        var token = Api.Service<LocalTokenIssuer>().Issue("ann", Roles.Auditor, null, null, TimeSpan.FromMinutes(10));
        var (exitCode, output, errors) = await LocalServices.RunToExitAsync("dotnet", new Dictionary<string, string>(),
        [
            Cli.CliTests.CliAssembly, "verify", "certificate", file, "--key", Api.Service<NoteSigner>().VerifierKey.ToString(),
            "--server", Api.BaseAddress.ToString(), "--token", token,
        ]);
        return (exitCode, output + errors);
    }

    private async Task PlaceHoldAsync(object hold)
    {
        var response = await Custodian("carol").PostAsJsonAsync("/api/legal-holds", hold);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    private async Task<Guid> RequestDispositionAsync(Guid item, string custodian)
    {
        var response = await Custodian(custodian).PostAsJsonAsync($"/api/evidence/{item}/disposition-requests", new { reason = "Retention ended" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RequestRow>())!.Id;
    }

    private async Task<DispositionState> DispositionOfAsync(Guid item)
    {
        await using var db = Api.OpenDb();
        return await db.EvidenceItems.Where(e => e.Id == item).Select(e => e.Disposition).SingleAsync();
    }

    private async Task<int> RefusalsOfAsync(Guid item)
    {
        await using var db = Api.OpenDb();
        return await db.CustodyEvents.CountAsync(e => e.EvidenceId == item && e.Action == CustodyAction.DispositionRefused && e.Outcome == CustodyOutcome.Denied);
    }

    private sealed record EligibleRow(Guid EvidenceId);
}
