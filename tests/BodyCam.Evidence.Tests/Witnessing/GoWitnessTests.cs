using System.Net;
using System.Text;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Tests.Witnessing;

/// <summary>
/// The independent Go witness answers c2sp.org/tlog-witness add-checkpoint as the spec says, for checkpoints, proofs and
/// signatures made by our verification library; and its cosignatures verify with our cosignature code.
/// </summary>
public sealed class GoWitnessTests
{
    private const string Origin = "evidence.example/custody";

    private NoteSigner _log = null!;
    private List<byte[]> _leaves = null!;
    private HttpClient _client = null!;
    private GoWitness _witness = null!;

    [SetUp]
    public async Task StartWitness()
    {
        _log = new NoteSigner(Origin, NoteSigner.GenerateSeed());
        _leaves = [.. Enumerable.Range(0, 40).Select(i => MerkleHash.Leaf(Encoding.UTF8.GetBytes($"custody event {i}")))];
        _client = new HttpClient();
        _witness = new GoWitness(_log.VerifierKey, "witness.example/board");
        await _witness.StartAsync();
    }

    [TearDown]
    public async Task StopWitness()
    {
        await _witness.DisposeAsync();
        _client.Dispose();
    }

    [Test]
    public async Task The_first_checkpoint_from_old_size_0_is_cosigned_and_the_cosignature_verifies_with_our_code()
    {
        var checkpoint = SignedCheckpoint(5);

        var response = await AddCheckpointAsync(0, [], checkpoint);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var cosignature = await response.Content.ReadAsStringAsync();
        Assert.That(cosignature, Does.StartWith($"— {_witness.VerifierKey.Name} ").And.EndWith("\n"));
        var cosignedAt = _witness.VerifierKey.CosignedAt(SignedNote.Parse(checkpoint + cosignature));
        Assert.That(cosignedAt, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task A_cosignature_does_not_verify_for_another_checkpoint()
    {
        var response = await AddCheckpointAsync(0, [], SignedCheckpoint(5));
        var cosignature = await response.Content.ReadAsStringAsync();

        Assert.That(_witness.VerifierKey.CosignedAt(SignedNote.Parse(SignedCheckpoint(6) + cosignature)), Is.Null);
    }

    [Test]
    public async Task Growth_with_a_consistency_proof_is_cosigned()
    {
        await AddCheckpointAsync(0, [], SignedCheckpoint(5));

        var checkpoint = SignedCheckpoint(13);
        var response = await AddCheckpointAsync(5, MerkleTree.ConsistencyProof(_leaves[..13], 5), checkpoint);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(_witness.VerifierKey.CosignedAt(SignedNote.Parse(checkpoint + await response.Content.ReadAsStringAsync())), Is.Not.Null);
    }

    [Test]
    public async Task The_same_checkpoint_again_is_cosigned_again()
    {
        await AddCheckpointAsync(0, [], SignedCheckpoint(5));

        var response = await AddCheckpointAsync(5, [], SignedCheckpoint(5));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_stale_old_size_is_a_conflict_naming_the_witness_size()
    {
        await AddCheckpointAsync(0, [], SignedCheckpoint(5));

        var response = await AddCheckpointAsync(3, MerkleTree.ConsistencyProof(_leaves[..13], 3), SignedCheckpoint(13));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/x.tlog.size"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("5\n"));
    }

    [Test]
    public async Task Old_size_0_after_a_cosigned_checkpoint_is_a_conflict()
    {
        await AddCheckpointAsync(0, [], SignedCheckpoint(5));

        var response = await AddCheckpointAsync(0, [], SignedCheckpoint(13));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("5\n"));
    }

    [Test]
    public async Task A_proof_that_does_not_verify_is_unprocessable()
    {
        await AddCheckpointAsync(0, [], SignedCheckpoint(5));
        var proof = MerkleTree.ConsistencyProof(_leaves[..13], 5);
        proof[0] = [.. proof[0]];
        proof[0][0] ^= 1;

        var response = await AddCheckpointAsync(5, proof, SignedCheckpoint(13));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
    }

    [Test]
    public async Task A_rewritten_history_is_unprocessable()
    {
        await AddCheckpointAsync(0, [], SignedCheckpoint(5));
        _leaves[2] = MerkleHash.Leaf("a rewritten custody event"u8);

        var response = await AddCheckpointAsync(5, MerkleTree.ConsistencyProof(_leaves[..13], 5), SignedCheckpoint(13));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
    }

    [Test]
    public async Task Another_root_at_the_same_size_is_unprocessable()
    {
        await AddCheckpointAsync(0, [], SignedCheckpoint(5));
        _leaves[4] = MerkleHash.Leaf("a rewritten custody event"u8);

        var response = await AddCheckpointAsync(5, [], SignedCheckpoint(5));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
    }

    [Test]
    public async Task A_proof_from_old_size_0_is_unprocessable()
    {
        var response = await AddCheckpointAsync(0, [MerkleHash.EmptyTree()], SignedCheckpoint(5));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
    }

    [Test]
    public async Task An_empty_checkpoint_must_have_the_empty_tree_root()
    {
        var good = await AddCheckpointAsync(0, [], _log.Sign(new Checkpoint(Origin, 0, MerkleHash.EmptyTree()).ToNoteText()));
        var bad = await AddCheckpointAsync(0, [], _log.Sign(new Checkpoint(Origin, 0, _leaves[0]).ToNoteText()));

        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
    }

    [Test]
    public async Task A_checkpoint_signed_by_another_key_of_the_same_name_is_forbidden()
    {
        var impostor = new NoteSigner(Origin, NoteSigner.GenerateSeed());

        var response = await AddCheckpointAsync(0, [], impostor.Sign(new Checkpoint(Origin, 5, MerkleTree.RootHash(_leaves[..5])).ToNoteText()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_checkpoint_whose_log_signature_fails_is_forbidden()
    {
        var text = new Checkpoint(Origin, 5, MerkleTree.RootHash(_leaves[..5])).ToNoteText();
        var signatureOfSize6 = _log.Sign(new Checkpoint(Origin, 6, MerkleTree.RootHash(_leaves[..6])).ToNoteText()).Split("\n\n")[1];

        var response = await AddCheckpointAsync(0, [], $"{text}\n{signatureOfSize6}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_checkpoint_of_an_unknown_origin_is_not_found()
    {
        var other = new NoteSigner("other.example/log", NoteSigner.GenerateSeed());

        var response = await AddCheckpointAsync(0, [], other.Sign(new Checkpoint("other.example/log", 5, MerkleTree.RootHash(_leaves[..5])).ToNoteText()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task An_old_size_above_the_checkpoint_size_is_a_bad_request()
    {
        var response = await AddCheckpointAsync(6, [], SignedCheckpoint(5));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [TestCase("old 05\n\n")]
    [TestCase("old 5\nnot base64\n\n")]
    [TestCase("size 5\n\n")]
    [TestCase("old 5\n")]
    public async Task A_malformed_request_is_a_bad_request(string head)
    {
        using var content = new StringContent(head + SignedCheckpoint(5), Encoding.UTF8);

        var response = await _client.PostAsync(AddCheckpoint, content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Concurrent_submissions_from_one_size_are_cosigned_once()
    {
        await AddCheckpointAsync(0, [], SignedCheckpoint(5));

        var responses = await Task.WhenAll(Enumerable.Range(6, 8).Select(size =>
            AddCheckpointAsync(5, MerkleTree.ConsistencyProof(_leaves[..size], 5), SignedCheckpoint(size))));

        Assert.That(responses.Count(response => response.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(responses.Count(response => response.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(7));
    }

    [Test]
    public async Task The_witness_keeps_its_state_key_and_address_across_a_restart()
    {
        await AddCheckpointAsync(0, [], SignedCheckpoint(5));
        var (url, key) = (_witness.Url, _witness.VerifierKey.ToString());

        await _witness.StopAsync();
        await _witness.StartAsync();
        var conflict = await AddCheckpointAsync(0, [], SignedCheckpoint(13));
        var checkpoint = SignedCheckpoint(13);
        var growth = await AddCheckpointAsync(5, MerkleTree.ConsistencyProof(_leaves[..13], 5), checkpoint);

        Assert.That((_witness.Url, _witness.VerifierKey.ToString()), Is.EqualTo((url, key)));
        Assert.That(await conflict.Content.ReadAsStringAsync(), Is.EqualTo("5\n"));
        Assert.That(growth.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_witness.VerifierKey.CosignedAt(SignedNote.Parse(checkpoint + await growth.Content.ReadAsStringAsync())), Is.Not.Null);
    }

    [Test]
    public async Task Monitors_read_the_latest_cosigned_checkpoint_by_origin_hash()
    {
        var checkpoint = SignedCheckpoint(5);
        var cosignature = await (await AddCheckpointAsync(0, [], checkpoint)).Content.ReadAsStringAsync();
        var originHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Origin)));

        var served = await _client.GetStringAsync(new Uri(_witness.Url, $"{originHash}/checkpoint"));

        Assert.That(served, Is.EqualTo(checkpoint + cosignature));
    }

    private Uri AddCheckpoint => new(_witness.Url, "add-checkpoint");

    private string SignedCheckpoint(int size) =>
        _log.Sign(new Checkpoint(Origin, size, MerkleTree.RootHash(_leaves[..size])).ToNoteText());

    private async Task<HttpResponseMessage> AddCheckpointAsync(long oldSize, IEnumerable<byte[]> proof, string signedCheckpoint)
    {
        var body = new StringBuilder($"old {oldSize}\n");
        foreach (var hash in proof)
        {
            body.Append(Convert.ToBase64String(hash)).Append('\n');
        }
        body.Append('\n').Append(signedCheckpoint);
        using var content = new StringContent(body.ToString(), Encoding.UTF8);
        return await _client.PostAsync(AddCheckpoint, content);
    }
}
