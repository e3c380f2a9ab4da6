using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Tests.Cli;

/// <summary>
/// <c>bodycam witness</c> run as a process and driven over HTTP as c2sp.org/tlog-witness says a log drives it, with
/// checkpoints and consistency proofs made by the verification library.
/// </summary>
public sealed class WitnessCommandTests
{
    private const string Origin = "custody.example/log";

    private readonly NoteSigner _log = new(Origin, NoteSigner.GenerateSeed());
    private readonly List<byte[]> _leaves = [];
    private WitnessProcess _witness = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartAWitnessOfTheLog()
    {
        _leaves.Clear();
        _witness = new WitnessProcess(_log.VerifierKey.ToString());
        await _witness.StartAsync();
        _http = new HttpClient { BaseAddress = _witness.BaseAddress };
    }

    [TearDown]
    public async Task StopTheWitness()
    {
        _http.Dispose();
        await _witness.DisposeAsync();
    }

    [Test]
    public async Task A_first_checkpoint_is_cosigned_and_the_cosignature_verifies_with_the_key_the_witness_printed()
    {
        Grow(5);
        var note = SignedCheckpoint(5);

        var response = await AddCheckpointAsync(0, [], note);

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.StartWith($"\u2014 {_witness.Name} ").And.EndWith("\n"));
        var key = CosignatureVerifierKey.Parse(_witness.VerifierKey);
        var cosignedAt = key.CosignedAt(SignedNote.Parse(note + body));
        Assert.That(cosignedAt, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(5)));
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "Unix file modes; on Windows a file inherits its folder's access list.")]
    [UnsupportedOSPlatform("windows")]
    public async Task The_printed_key_is_the_one_witness_key_prints_for_the_same_key_file_which_only_its_owner_can_read()
    {
        var (exit, output, errors) = await LocalServices.RunToExitAsync(
            "dotnet", new Dictionary<string, string>(), [CliTests.CliAssembly, "witness", "key", "--key-file", _witness.KeyFile, "--name", _witness.Name]);

        Assert.That(exit, Is.EqualTo(0), errors);
        Assert.That(output.Trim(), Is.EqualTo(_witness.VerifierKey));
        Assert.That(File.GetUnixFileMode(_witness.KeyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(Convert.FromBase64String(await File.ReadAllTextAsync(_witness.KeyFile)), Has.Length.EqualTo(32));
    }

    [Test]
    public async Task A_grown_log_is_cosigned_with_a_consistency_proof_from_the_size_last_cosigned()
    {
        Grow(5);
        await CosignAsync(0, 5);
        Grow(8);

        var response = await AddCheckpointAsync(5, MerkleTree.ConsistencyProof(_leaves, 5), SignedCheckpoint(13));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(Checkpoint.Verify(await StoredStateAsync(), _log.VerifierKey).TreeSize, Is.EqualTo(13));
    }

    [Test]
    public async Task A_stale_old_size_is_answered_409_with_the_size_last_cosigned()
    {
        Grow(5);
        await CosignAsync(0, 5);
        Grow(3);

        var response = await AddCheckpointAsync(0, [], SignedCheckpoint(8));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/x.tlog.size"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("5\n"));
    }

    [Test]
    public async Task A_consistency_proof_that_does_not_verify_is_answered_422()
    {
        Grow(5);
        await CosignAsync(0, 5);
        Grow(3);
        var proof = MerkleTree.ConsistencyProof(_leaves, 5);
        proof[0] = SHA256.HashData(proof[0]);

        var response = await AddCheckpointAsync(5, proof, SignedCheckpoint(8));

        Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)422));
        Assert.That(Checkpoint.Verify(await StoredStateAsync(), _log.VerifierKey).TreeSize, Is.EqualTo(5), "the state stays at the last cosigned checkpoint");
    }

    [Test]
    public async Task A_checkpoint_signed_by_another_key_is_403_and_one_of_another_log_is_404()
    {
        Grow(2);
        var impostor = new NoteSigner(Origin, NoteSigner.GenerateSeed());
        var stranger = new NoteSigner("other.example/log", NoteSigner.GenerateSeed());
        var valid = SignedCheckpoint(2);
        var tampered = valid.Replace("\n2\n", "\n3\n", StringComparison.Ordinal);

        var wrongKey = await AddCheckpointAsync(0, [], impostor.Sign(new Checkpoint(Origin, 2, MerkleTree.RootHash(_leaves)).ToNoteText()));
        var badSignature = await AddCheckpointAsync(0, [], tampered);
        var otherLog = await AddCheckpointAsync(0, [], stranger.Sign(new Checkpoint("other.example/log", 2, MerkleTree.RootHash(_leaves)).ToNoteText()));

        Assert.That((wrongKey.StatusCode, badSignature.StatusCode, otherLog.StatusCode),
            Is.EqualTo((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NotFound)));
    }

    [TestCase("old 01\n\n", TestName = "An_old_size_with_a_leading_zero_is_400")]
    [TestCase("old 9\n\n", TestName = "An_old_size_beyond_the_checkpoint_is_400")]
    [TestCase("old 0\nnot-base64\n\n", TestName = "A_proof_line_that_is_not_a_hash_is_400")]
    [TestCase("new 0\n\n", TestName = "A_first_line_other_than_old_is_400")]
    public async Task Malformed_requests_are_400(string head)
    {
        Grow(2);

        var response = await _http.PostAsync("add-checkpoint", new StringContent(head + SignedCheckpoint(2), Encoding.UTF8));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_state_survives_a_restart()
    {
        Grow(4);
        await CosignAsync(0, 4);
        await _witness.KillAsync();
        await _witness.StartAsync();
        _http.Dispose();
        _http = new HttpClient { BaseAddress = _witness.BaseAddress };
        Grow(2);

        var stale = await AddCheckpointAsync(0, [], SignedCheckpoint(6));
        var extended = await AddCheckpointAsync(4, MerkleTree.ConsistencyProof(_leaves, 4), SignedCheckpoint(6));

        Assert.That((stale.StatusCode, await stale.Content.ReadAsStringAsync()), Is.EqualTo((HttpStatusCode.Conflict, "4\n")));
        Assert.That(extended.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_witness.Output, Does.Contain("latest cosigned size 4"));
    }

    [Test]
    public async Task A_rewritten_log_is_refused_at_the_same_size_and_when_grown_and_the_witness_never_moves_back()
    {
        Grow(6);
        await CosignAsync(0, 6);
        var cosigned = await StoredStateAsync();
        _leaves[2] = MerkleHash.Leaf("rewritten entry"u8);

        var sameSize = await AddCheckpointAsync(6, [], SignedCheckpoint(6));
        Grow(4);
        var grown = await AddCheckpointAsync(6, MerkleTree.ConsistencyProof(_leaves, 6), SignedCheckpoint(10));
        var fromScratch = await AddCheckpointAsync(0, [], SignedCheckpoint(10));

        Assert.That((sameSize.StatusCode, grown.StatusCode, fromScratch.StatusCode),
            Is.EqualTo(((HttpStatusCode)422, (HttpStatusCode)422, HttpStatusCode.Conflict)));
        Assert.That(await StoredStateAsync(), Is.EqualTo(cosigned), "the witness keeps the last checkpoint it cosigned");
        var refused = await File.ReadAllTextAsync(_witness.StateFile + ".refused");
        Assert.That(refused, Does.Contain("two histories").And.Contain(SignedCheckpoint(10)));
    }

    [Test]
    public async Task The_latest_cosigned_checkpoint_is_served_for_monitors_under_the_origin_hash()
    {
        var path = $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Origin)))}/checkpoint";
        var before = await _http.GetAsync(path);
        Grow(3);
        await CosignAsync(0, 3);

        var served = await _http.GetStringAsync(path);

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(Checkpoint.Verify(served, _log.VerifierKey).TreeSize, Is.EqualTo(3));
        Assert.That(CosignatureVerifierKey.Parse(_witness.VerifierKey).CosignedAt(SignedNote.Parse(served)), Is.Not.Null);
    }

    [Test]
    public async Task Verify_checkpoint_accepts_a_checkpoint_cosigned_by_the_running_witness()
    {
        Grow(7);
        var note = SignedCheckpoint(7);
        var cosignature = await CosignAsync(0, 7, note);
        var file = Path.Combine(_witness.Folder, "cosigned.txt");
        await File.WriteAllTextAsync(file, note + cosignature);
        var other = new CosignatureSigner("court.example/witness", CosignatureSigner.GenerateSeed()).VerifierKey.ToString();

        var (exit, output, errors) = await LocalServices.RunToExitAsync("dotnet", new Dictionary<string, string>(),
            [CliTests.CliAssembly, "verify", "checkpoint", file, "--key", _log.VerifierKey.ToString(), "--witness", _witness.VerifierKey]);
        var (twoExit, twoOutput, _) = await LocalServices.RunToExitAsync("dotnet", new Dictionary<string, string>(),
            [CliTests.CliAssembly, "verify", "checkpoint", file, "--key", _log.VerifierKey.ToString(), "--witness", _witness.VerifierKey, "--witness", other]);

        Assert.That(exit, Is.EqualTo(0), output + errors);
        Assert.That(output, Does.Contain($"witness {_witness.Name}: cosigned at"));
        Assert.That(twoExit, Is.EqualTo(1), twoOutput);
        Assert.That(twoOutput, Does.Contain("witness court.example/witness has no cosignature"));
    }

    private void Grow(int entries)
    {
        for (var i = 0; i < entries; i++)
        {
            _leaves.Add(MerkleHash.Leaf(Encoding.UTF8.GetBytes($"entry {_leaves.Count}")));
        }
    }

    private string SignedCheckpoint(int size) => _log.Sign(new Checkpoint(Origin, size, MerkleTree.RootHash(_leaves[..size])).ToNoteText());

    private async Task<string> CosignAsync(int oldSize, int size, string? note = null)
    {
        var response = await AddCheckpointAsync(oldSize, oldSize == 0 ? [] : MerkleTree.ConsistencyProof(_leaves[..size], oldSize), note ?? SignedCheckpoint(size));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return body;
    }

    private async Task<HttpResponseMessage> AddCheckpointAsync(long oldSize, IEnumerable<byte[]> proof, string note)
    {
        var body = $"old {oldSize}\n{string.Concat(proof.Select(hash => Convert.ToBase64String(hash) + "\n"))}\n{note}";
        return await _http.PostAsync("add-checkpoint", new StringContent(body, Encoding.UTF8));
    }

    private Task<string> StoredStateAsync() => File.ReadAllTextAsync(_witness.StateFile);
}
