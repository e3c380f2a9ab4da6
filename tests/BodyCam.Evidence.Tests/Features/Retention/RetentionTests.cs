using System.Net;
using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Cases;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Features.Disposition;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Verification.Disposition;
using BodyCam.Evidence.Verification.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using BodyCam.Evidence.Tests.Support;

namespace BodyCam.Evidence.Tests.Features.Retention;

/// <summary>
/// Each test runs its own host on a clock it moves: recordings are made on 2026-11-26, and the default retention is
/// 180 days, so a year on every uncategorised recording is past its retention.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class RetentionTests(ApiProfile profile)
{
    private static readonly DateTimeOffset RecordedStart = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan AYear = TimeSpan.FromDays(365);

    private EvidenceApiFactory _api = null!;
    private MovableClock _clock = null!;

    [SetUp]
    public async Task StartServer()
    {
        _clock = new MovableClock();
        _api = await EvidenceApiFactory.StartAsync(
            profile, overNetwork: true, services => services.AddSingleton<TimeProvider>(_clock), ("Retention:DefaultDays", "180"), ("Retention:SoftDeleteDays", "30"));
    }

    [TearDown]
    public async Task StopServer() => await _api.DisposeAsync();

    [Test]
    public void Retention_is_the_longest_of_the_known_categories_and_indefinite_wins()
    {
        Assert.Multiple(() =>
        {
            Assert.That(BodyCam.Evidence.Features.Retention.Retention.Compute(RecordedStart, [30, 3650], 180), Is.EqualTo(((DateTimeOffset?)RecordedStart.AddDays(3650), false)));
            Assert.That(BodyCam.Evidence.Features.Retention.Retention.Compute(RecordedStart, [30, null], 180), Is.EqualTo(((DateTimeOffset?)null, false)));
            Assert.That(BodyCam.Evidence.Features.Retention.Retention.Compute(RecordedStart, [], 180), Is.EqualTo(((DateTimeOffset?)RecordedStart.AddDays(180), true)));
        });
    }

    [Test]
    public async Task Uncategorised_item_takes_the_default_and_a_category_change_recomputes_it_with_a_custody_event()
    {
        await PutCategoryAsync("traffic", 30);
        var uncategorised = await _api.UploadVerifiedRecordingAsync("officer-r1");
        var traffic = await _api.UploadVerifiedRecordingAsync("officer-r1", category: "traffic");

        Assert.That(await RetentionOfAsync(uncategorised), Is.EqualTo(((DateTimeOffset?)RecordedStart.AddDays(180), true)));
        Assert.That(await RetentionOfAsync(traffic), Is.EqualTo(((DateTimeOffset?)RecordedStart.AddDays(30), false)));

        await PutCategoryAsync("traffic", null);
        await RunAsync<RecomputeCategoryRetentionJob>(job => job.RunAsync("traffic", CancellationToken.None));

        Assert.That(await RetentionOfAsync(traffic), Is.EqualTo(((DateTimeOffset?)null, false)));
        Assert.That(await ActionsOfAsync(traffic), Does.Contain(CustodyAction.RetentionChanged));
    }

    [Test]
    public async Task Sweep_lists_expired_items_and_leaves_those_an_item_case_or_officer_hold_or_an_open_case_keeps()
    {
        var free = await _api.UploadVerifiedRecordingAsync("officer-free");
        var heldByName = await _api.UploadVerifiedRecordingAsync("officer-free");
        var heldByCase = await _api.UploadVerifiedRecordingAsync("officer-free");
        var inOpenCase = await _api.UploadVerifiedRecordingAsync("officer-free");
        var heldByOfficerRange = await _api.UploadVerifiedRecordingAsync("officer-held");
        await LinkToCaseAsync(heldByCase, "24-1187", CaseStatus.Closed);
        await LinkToCaseAsync(inOpenCase, "24-2000", CaseStatus.Open);
        await PlaceHoldAsync(new { reason = "Preserve", matter = "Doe v. City", evidenceIds = new[] { heldByName } });
        await PlaceHoldAsync(new { reason = "Preserve", matter = "Case hold", caseNumber = "24-1187" });
        await PlaceHoldAsync(new
        {
            reason = "Preserve", matter = "Officer review", officerId = "officer-held", from = RecordedStart.AddHours(-1), to = RecordedStart.AddHours(1),
        });

        _clock.Advance(AYear);
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
        var fresh = await _api.UploadVerifiedRecordingAsync("officer-r2");
        var held = await _api.UploadVerifiedRecordingAsync("officer-r2");
        await PlaceHoldAsync(new { reason = "Preserve", matter = "Doe v. City", evidenceIds = new[] { held } });
        _clock.Advance(TimeSpan.FromDays(10));
        var unexpired = await Custodian("carol").PostAsJsonAsync($"/api/evidence/{fresh}/disposition-requests", new { reason = "Tidy up" });
        _clock.Advance(AYear);
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
        var item = await _api.UploadVerifiedRecordingAsync("officer-r3");
        _clock.Advance(AYear);
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

        _clock.Advance(TimeSpan.FromDays(31));
        await RunAsync<PurgeDisposedJob>(job => job.RunAsync(CancellationToken.None));
        Assert.That(await DispositionOfAsync(item), Is.EqualTo(DispositionState.Retained), "a restored item is not purged");
    }

    [Test]
    public async Task Purge_deletes_the_blob_keeps_a_tombstone_and_issues_a_certificate_that_verifies_against_the_ledger()
    {
        var item = await _api.UploadVerifiedRecordingAsync("officer-r4");
        var held = await _api.UploadVerifiedRecordingAsync("officer-r4");
        _clock.Advance(AYear);
        foreach (var id in new[] { item, held })
        {
            var request = await RequestDispositionAsync(id, "carol");
            (await Custodian("dave").PostAsync($"/api/disposition-requests/{request}/approve", null)).EnsureSuccessStatusCode();
        }
        await PlaceHoldAsync(new { reason = "Late subpoena", matter = "Roe v. City", evidenceIds = new[] { held } });

        _clock.Advance(TimeSpan.FromDays(29));
        var tooEarly = await RunAsync<PurgeDisposedJob, Guid?>(job => job.RunAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromDays(2));
        var certificateId = await RunAsync<PurgeDisposedJob, Guid?>(job => job.RunAsync(CancellationToken.None));

        Assert.That(tooEarly, Is.Null, "nothing is purged inside the restore window");
        Assert.That(certificateId, Is.Not.Null);
        string blob, heldBlob;
        await using (var db = _api.OpenDb())
        {
            var tombstone = await db.EvidenceItems.SingleAsync(e => e.Id == item);
            (blob, heldBlob) = (tombstone.BlobName, (await db.EvidenceItems.SingleAsync(e => e.Id == held)).BlobName);
            Assert.That((tombstone.Disposition, tombstone.StreamSha256.Length, tombstone.DispositionCertificateId), Is.EqualTo((DispositionState.Purged, 64, certificateId)));
            Assert.That(await DispositionOfAsync(held), Is.EqualTo(DispositionState.SoftDeleted), "a hold placed in the window stops the purge");
        }
        var store = _api.Service<IBlobStore>();
        Assert.That(await store.GetSizeAsync(blob, CancellationToken.None), Is.Null);
        Assert.That(await store.GetSizeAsync(heldBlob, CancellationToken.None), Is.Not.Null);

        var note = await Custodian("carol").GetStringAsync($"/api/disposition-certificates/{certificateId}");
        var (certificate, problem) = DispositionCertificateDocument.Verify(note, _api.Service<NoteSigner>().VerifierKey);
        Assert.That(problem, Is.Null);
        var destroyed = certificate!.Items.Single();
        await using (var db = _api.OpenDb())
        {
            var purge = await db.CustodyEvents.SingleAsync(e => e.EvidenceId == item && e.Action == CustodyAction.Purged);
            Assert.That((destroyed.EvidenceId, destroyed.PurgeEventIndex, destroyed.PurgeEventLeafHash), Is.EqualTo((item, purge.Sequence, Convert.ToHexStringLower(purge.LeafHash))));
            Assert.That((destroyed.RequestedBy, destroyed.ApprovedBy), Is.EqualTo(("carol", "dave")));
        }
        var tampered = note.Replace("carol", "mallory", StringComparison.Ordinal);
        Assert.That(DispositionCertificateDocument.Verify(tampered, _api.Service<NoteSigner>().VerifierKey).Problem, Does.Contain("not signed"));

        var (verified, report) = await VerifyWithCliAsync(note);
        var (refused, refusal) = await VerifyWithCliAsync(tampered);
        Assert.That(verified, Is.EqualTo(0), report);
        Assert.That(report, Does.Contain($"{item}: purge event {destroyed.PurgeEventIndex} found in the ledger").And.Contain("certificate matches the ledger"));
        Assert.That(refused, Is.EqualTo(1), refusal);
        Assert.That(refusal, Does.Contain("FAILED"));
    }

    [Test]
    public async Task A_hold_or_release_reason_of_the_longest_length_is_quoted_whole_and_one_more_is_a_400_naming_it()
    {
        var item = await _api.UploadVerifiedRecordingAsync("officer-r5");
        var caseNumber = new string('9', 64);
        await LinkToCaseAsync(item, caseNumber, CaseStatus.Closed);
        var (placed, released) = (Text('p', CustodyEvent.MaxReasonTextLength), Text('r', CustodyEvent.MaxReasonTextLength));

        var place = await Custodian("carol").PostAsJsonAsync("/api/legal-holds", new
        {
            reason = placed, matter = Text('m', 200), evidenceIds = new[] { item }, caseNumber,
            officerId = "officer-r5", from = RecordedStart.AddHours(-1), to = RecordedStart.AddHours(1),
        });
        Assert.That(place.StatusCode, Is.EqualTo(HttpStatusCode.Created), await place.Content.ReadAsStringAsync());
        var hold = (await place.Content.ReadFromJsonAsync<RequestRow>())!.Id;
        var release = await Custodian("carol").PostAsJsonAsync($"/api/legal-holds/{hold}/release", new { reason = released });
        Assert.That(release.StatusCode, Is.EqualTo(HttpStatusCode.OK), await release.Content.ReadAsStringAsync());

        await using (var db = _api.OpenDb())
        {
            var reasons = await db.CustodyEvents.Where(e => e.Reason!.StartsWith($"legal hold {hold}"))
                .OrderBy(e => e.Sequence).Select(e => new { e.Action, e.EvidenceId, e.Reason }).ToListAsync();
            Assert.That(reasons.Select(e => (e.Action, e.EvidenceId)), Is.EqualTo(new[]
            {
                (CustodyAction.LegalHoldPlaced, (Guid?)null), (CustodyAction.LegalHoldPlaced, item),
                (CustodyAction.LegalHoldReleased, null), (CustodyAction.LegalHoldReleased, item),
            }));
            Assert.That(reasons.Take(2).Select(e => e.Reason), Is.All.EndsWith("; " + placed));
            Assert.That(reasons.Skip(2).Select(e => e.Reason), Is.All.EndsWith("; " + released));
        }

        var longer = await Custodian("carol").PostAsJsonAsync("/api/legal-holds", new
        {
            reason = placed + "p", matter = "Doe v. City", evidenceIds = new[] { item },
        });
        var another = await Custodian("carol").PostAsJsonAsync("/api/legal-holds", new { reason = placed, matter = "Doe v. City", evidenceIds = new[] { item } });
        Assert.That(another.StatusCode, Is.EqualTo(HttpStatusCode.Created), await another.Content.ReadAsStringAsync());
        var longerRelease = await Custodian("carol").PostAsJsonAsync(
            $"/api/legal-holds/{(await another.Content.ReadFromJsonAsync<RequestRow>())!.Id}/release", new { reason = released + "r" });
        await AssertRefusedNamingAsync(longer, "reason");
        await AssertRefusedNamingAsync(longerRelease, "reason");
    }

    [Test]
    public async Task A_disposition_or_restore_reason_of_the_longest_length_is_quoted_whole_and_one_more_is_a_400_naming_it()
    {
        var item = await _api.UploadVerifiedRecordingAsync("officer-r6");
        _clock.Advance(AYear);
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
        await using var db = _api.OpenDb();
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

    /// <summary>Text of the given length, opening and closing with a letter, so that trimming leaves it whole.</summary>
    private static string Text(char letter, int length) => string.Concat(Enumerable.Repeat($"{letter}{letter} ", length))[..(length - 1)] + letter;

    private static async Task AssertRefusedNamingAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    private async Task<(int ExitCode, string Output)> VerifyWithCliAsync(string certificate)
    {
        var file = Path.Combine(_api.DataRoot, $"certificate-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, certificate);
        var token = _api.Service<LocalTokenIssuer>().Issue("ann", Roles.Auditor, null, null, TimeSpan.FromMinutes(10));
        var (exitCode, output, errors) = await LocalServices.RunToExitAsync("dotnet", new Dictionary<string, string>(),
        [
            Cli.CliTests.CliAssembly, "verify", "certificate", file, "--key", _api.Service<NoteSigner>().VerifierKey.ToString(),
            "--server", _api.BaseAddress.ToString(), "--token", token,
        ]);
        return (exitCode, output + errors);
    }

    private HttpClient Custodian(string name) => _api.ClientFor(Roles.Custodian, name);

    private async Task PutCategoryAsync(string id, int? retentionDays) =>
        (await _api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/categories/{id}", new { name = id, retentionDays })).EnsureSuccessStatusCode();

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

    private async Task LinkToCaseAsync(Guid item, string caseNumber, CaseStatus status)
    {
        await using var db = _api.OpenDb();
        if (!await db.Cases.AnyAsync(c => c.CaseNumber == caseNumber))
        {
            var @case = Case.Open(caseNumber, "Case " + caseNumber, "carol", _clock.GetUtcNow());
            @case.Describe(@case.Title, status, _clock.GetUtcNow());
            db.Cases.Add(@case);
        }
        db.CaseLinks.Add(CaseLink.Link(item, caseNumber, "carol", _clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    private async Task RunAsync<TJob>(Func<TJob, Task> run)
        where TJob : notnull
    {
        await using var scope = _api.Services.CreateAsyncScope();
        await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    private async Task<TResult> RunAsync<TJob, TResult>(Func<TJob, Task<TResult>> run)
        where TJob : notnull
    {
        await using var scope = _api.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    private async Task<(DateTimeOffset? Until, bool ByDefault)> RetentionOfAsync(Guid item)
    {
        await using var db = _api.OpenDb();
        var row = await db.EvidenceItems.AsNoTracking().SingleAsync(e => e.Id == item);
        return (row.RetainUntil, row.RetainedByDefault);
    }

    private async Task<DispositionState> DispositionOfAsync(Guid item)
    {
        await using var db = _api.OpenDb();
        return await db.EvidenceItems.Where(e => e.Id == item).Select(e => e.Disposition).SingleAsync();
    }

    private async Task<List<CustodyAction>> ActionsOfAsync(Guid item)
    {
        await using var db = _api.OpenDb();
        return await db.CustodyEvents.Where(e => e.EvidenceId == item).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
    }

    private async Task<int> RefusalsOfAsync(Guid item)
    {
        await using var db = _api.OpenDb();
        return await db.CustodyEvents.CountAsync(e => e.EvidenceId == item && e.Action == CustodyAction.DispositionRefused && e.Outcome == CustodyOutcome.Denied);
    }

    private sealed record EligibleRow(Guid EvidenceId);

    private sealed record RequestRow(Guid Id);

    /// <summary>Real time, moved on by the test: jobs and commands read it through TimeProvider.</summary>
    private sealed class MovableClock : TimeProvider
    {
        private long _offsetTicks;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
