using System.Net;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Features.Ledger;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Ledger;

public sealed class LedgerApiTests(ApiProfile profile) : ApiTests(profile)
{
    [Test]
    public async Task A_grown_log_gets_a_signed_checkpoint_within_seconds_that_verifies_with_the_published_key()
    {
        await Api.RegisterDockAsync();
        var size = await LogSizeAsync();

        var checkpoint = await Api.WaitForCheckpointAsync();

        Assert.That(checkpoint.TreeSize, Is.GreaterThanOrEqualTo(size));
        Assert.That(checkpoint.Origin, Is.EqualTo("bodycam-evidence.localhost/custody"));
        await using var db = Api.OpenDb();
        var leaves = await db.CustodyEvents.Where(e => e.Sequence < checkpoint.TreeSize).OrderBy(e => e.Sequence).Select(e => e.LeafHash).ToListAsync();
        Assert.That(checkpoint.RootHash, Is.EqualTo(MerkleTree.RootHash(leaves)));
    }

    [Test]
    public async Task Events_a_process_committed_but_died_before_integrating_enter_the_log_by_the_next_checkpoint()
    {
        await Api.RegisterDockAsync();
        await using (var db = Api.OpenDb())
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.CustodyEvents.Record(CustodyAction.DockRegistered, Actor.System("crashed"), reason: "committed, never integrated");
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            });
        }

        var checkpoint = await Api.WaitForCheckpointAsync();

        await using var reader = Api.OpenDb();
        var log = await reader.CustodyEvents.OrderBy(e => e.Sequence).ToListAsync();
        Assert.That(log.Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(0, log.Count).Select(i => (long?)i)));
        Assert.That(log.Single(e => e.Reason == "committed, never integrated").Sequence, Is.LessThan(checkpoint.TreeSize));
        Assert.That(checkpoint.RootHash, Is.EqualTo(MerkleTree.RootHash([.. log.Take((int)checkpoint.TreeSize).Select(e => e.LeafHash)])));
    }

    [Test]
    public async Task The_checkpoint_and_the_key_are_public_plain_text()
    {
        var anonymous = Api.CreateClient();
        await Api.RegisterDockAsync();
        await Api.WaitForCheckpointAsync();

        var key = await anonymous.GetAsync("/api/ledger/key");
        var note = await anonymous.GetAsync("/api/ledger/checkpoint");

        Assert.That((key.StatusCode, note.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        Assert.That(note.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        var verifierKey = NoteVerifierKey.Parse((await key.Content.ReadAsStringAsync()).Trim());
        Assert.That(verifierKey.Name, Is.EqualTo("bodycam-evidence.localhost/custody"));
        Assert.That(SignedNote.Parse(await note.Content.ReadAsStringAsync()).IsSignedBy(verifierKey), Is.True);
    }

    [Test]
    public async Task Successive_checkpoints_are_proven_consistent_by_the_api()
    {
        await Api.RegisterDockAsync();
        var first = await Api.WaitForCheckpointAsync();
        await Api.RegisterDockAsync();
        await Api.RegisterDockAsync();
        var second = await Api.WaitForCheckpointAsync();

        var proof = await (await Auditor.GetAsync($"/api/ledger/proofs/consistency?from={first.TreeSize}&to={second.TreeSize}"))
            .ReadAsync<ConsistencyProof>(HttpStatusCode.OK);

        Assert.That(second.TreeSize, Is.GreaterThan(first.TreeSize));
        Assert.That(MerkleTree.VerifyConsistency(first.TreeSize, second.TreeSize, proof.Hashes, first.RootHash, second.RootHash), Is.True);
        var tampered = proof.Hashes.Select(h => h.ToArray()).ToList();
        tampered[0][0] ^= 1;
        Assert.That(MerkleTree.VerifyConsistency(first.TreeSize, second.TreeSize, tampered, first.RootHash, second.RootHash), Is.False);
    }

    [Test]
    public async Task Every_entry_is_served_with_a_proof_of_inclusion_in_the_signed_checkpoint()
    {
        await Api.RegisterDockAsync();
        var checkpoint = await Api.WaitForCheckpointAsync();

        var entries = await (await Auditor.GetAsync($"/api/ledger/entries?start=0&count={checkpoint.TreeSize}"))
            .ReadAsync<List<LedgerEntry>>(HttpStatusCode.OK);

        Assert.That(entries.Select(e => e.Index), Is.EqualTo(Enumerable.Range(0, (int)checkpoint.TreeSize).Select(i => (long)i)));
        foreach (var entry in entries)
        {
            Assert.That(LedgerEntryCheck.Problem(entry.Index, entry.Entry, entry.LeafHash, entry.Recorded), Is.Null, $"entry {entry.Index}");
            var proof = await (await Auditor.GetAsync($"/api/ledger/proofs/inclusion?index={entry.Index}&treeSize={checkpoint.TreeSize}"))
                .ReadAsync<InclusionProof>(HttpStatusCode.OK);
            Assert.That(MerkleTree.VerifyInclusion(entry.LeafHash, entry.Index, checkpoint.TreeSize, proof.Hashes, checkpoint.RootHash), Is.True, $"entry {entry.Index}");
        }
        var single = await (await Auditor.GetAsync("/api/ledger/entries/0")).ReadAsync<LedgerEntry>(HttpStatusCode.OK);
        Assert.That(single.Entry, Is.EqualTo(entries[0].Entry));
        Assert.That(single.Decoded.GetProperty("sequence").GetInt64(), Is.EqualTo(0));
        Assert.That(single.Decoded.GetProperty("action").GetString(), Is.EqualTo(single.Recorded.Action));
    }

    [TestCase("/api/ledger/proofs/inclusion?index=5&treeSize=5", "index")]
    [TestCase("/api/ledger/proofs/inclusion?index=-1&treeSize=5", "index")]
    [TestCase("/api/ledger/proofs/inclusion?index=0&treeSize=0", "treeSize")]
    [TestCase("/api/ledger/proofs/inclusion?index=0&treeSize=999999999", "treeSize")]
    [TestCase("/api/ledger/proofs/consistency?from=3&to=2", "from")]
    [TestCase("/api/ledger/proofs/consistency?from=1&to=999999999", "to")]
    [TestCase("/api/ledger/entries?start=0&count=1001", "count")]
    [TestCase("/api/ledger/entries?start=-4", "start")]
    public async Task A_request_outside_the_log_is_a_problem_naming_the_field(string path, string field)
    {
        await Api.RegisterDockAsync();

        var problem = await (await Auditor.GetAsync(path)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task An_unknown_entry_is_not_found()
    {
        await (await Auditor.GetAsync("/api/ledger/entries/987654321")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task An_officer_may_not_read_the_ledger_and_the_refusal_is_recorded()
    {
        await (await Api.ClientFor(Roles.Officer, "olive").GetAsync("/api/ledger/entries/0")).AssertProblemAsync(HttpStatusCode.Forbidden);

        await using var db = Api.OpenDb();
        Assert.That(await db.CustodyEvents.AnyAsync(e => e.ActorId == "olive" && e.Action == CustodyAction.AccessDenied), Is.True);
    }

    [Test]
    public async Task An_items_custody_report_verifies_event_by_event_against_the_checkpoint()
    {
        var evidenceId = await Api.UploadVerifiedRecordingAsync("officer-12");
        await Api.WaitForCheckpointAsync();

        var report = await (await Auditor.GetAsync($"/api/evidence/{evidenceId}/custody?proofs=true")).ReadAsync<CustodyReport>(HttpStatusCode.OK);

        var checkpoint = Checkpoint.Verify(report.Checkpoint!, await Api.VerifierKeyAsync());
        Assert.That(report.Events.Select(e => e.Action), Is.SupersetOf(new[] { "UploadStarted", "Received", "Verified" }));
        Assert.That(report.Events.Select(e => e.Index), Is.Ordered.Ascending);
        foreach (var e in report.Events.Where(e => e.Index < checkpoint.TreeSize))
        {
            var recorded = new CustodyEntry(e.Index, e.Time, e.ActorId, e.ActorKind, e.ActorRole, e.ClientIp, e.Action, evidenceId, e.ContentSha256, e.Reason, e.Outcome);
            Assert.That(LedgerEntryCheck.Problem(e.Index, e.Entry, e.LeafHash, recorded), Is.Null);
            Assert.That(MerkleTree.VerifyInclusion(e.LeafHash, e.Index, checkpoint.TreeSize, e.InclusionProof!, checkpoint.RootHash), Is.True);
        }
        var withoutProofs = await (await Auditor.GetAsync($"/api/evidence/{evidenceId}/custody")).ReadAsync<CustodyReport>(HttpStatusCode.OK);
        Assert.That(withoutProofs.Checkpoint, Is.Null);
        Assert.That(withoutProofs.Events.Select(e => e.InclusionProof), Is.All.Null);
    }

    [Test]
    public async Task The_custody_report_of_an_unknown_item_is_not_found() =>
        await (await Auditor.GetAsync($"/api/evidence/{Guid.NewGuid()}/custody?proofs=true")).AssertProblemAsync(HttpStatusCode.NotFound);

    [Test]
    public async Task An_officer_reads_the_custody_of_their_own_recording_but_not_of_anothers()
    {
        var evidenceId = await Api.UploadVerifiedRecordingAsync("officer-31");

        var own = await Api.ClientFor(Roles.Officer, "officer-31").GetAsync($"/api/evidence/{evidenceId}/custody");
        var others = await Api.ClientFor(Roles.Officer, "officer-99").GetAsync($"/api/evidence/{evidenceId}/custody");

        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await others.AssertProblemAsync(HttpStatusCode.Forbidden);
        await using var db = Api.OpenDb();
        Assert.That(await db.CustodyEvents.AnyAsync(e => e.ActorId == "officer-99" && e.EvidenceId == evidenceId && e.Action == CustodyAction.AccessDenied), Is.True);
    }

    private HttpClient Auditor => Api.ClientFor(Roles.Auditor, "ann");

    private async Task<long> LogSizeAsync()
    {
        await using var db = Api.OpenDb();
        return await db.CustodyEvents.CountAsync();
    }
}
