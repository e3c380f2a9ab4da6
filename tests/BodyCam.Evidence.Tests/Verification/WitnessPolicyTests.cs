using System.Buffers.Binary;
using System.Security.Cryptography;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Tests.Verification;

/// <summary>A quorum of witness cosignatures on a log's checkpoint: each witness cosigned, missing or invalid.</summary>
public sealed class WitnessPolicyTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly NoteSigner Log = new("custody.example/log", NoteSigner.GenerateSeed());
    private static readonly CosignatureSigner Board = new("board.example/witness", CosignatureSigner.GenerateSeed());
    private static readonly CosignatureSigner Court = new("court.example/witness", CosignatureSigner.GenerateSeed());
    private static readonly string Text = new Checkpoint("custody.example/log", 7, SHA256.HashData("seven"u8)).ToNoteText();

    [Test]
    public void Each_witness_is_reported_cosigned_with_its_time_or_missing()
    {
        var note = Cosigned(Board.Cosign(Text, Time));

        var quorum = new WitnessPolicy([Board.VerifierKey, Court.VerifierKey], 1).Check(note);

        Assert.That(quorum.Witnesses.Select(w => (w.Witness.Name, w.Status, w.CosignedAt)), Is.EqualTo(new[]
        {
            ("board.example/witness", CosignatureStatus.Cosigned, (DateTimeOffset?)Time),
            ("court.example/witness", CosignatureStatus.Missing, (DateTimeOffset?)null),
        }));
        Assert.That((quorum.Cosigned, quorum.Quorum, quorum.IsMet), Is.EqualTo((1, 1, true)));
    }

    [Test]
    public void Without_a_quorum_every_witness_given_must_have_cosigned()
    {
        var note = Cosigned(Board.Cosign(Text, Time));

        var quorum = new WitnessPolicy([Board.VerifierKey, Court.VerifierKey]).Check(note);

        Assert.That((quorum.Quorum, quorum.IsMet), Is.EqualTo((2, false)));
    }

    [Test]
    public void A_cosignature_with_a_changed_timestamp_is_invalid_and_does_not_count()
    {
        var cosignature = Board.Cosign(Text, Time);
        var earlier = cosignature.Signature.ToArray();
        BinaryPrimitives.WriteUInt64BigEndian(earlier, 1_700_000_000);

        var quorum = new WitnessPolicy([Board.VerifierKey], 1).Check(Cosigned(cosignature with { Signature = earlier }));

        Assert.That((quorum.Witnesses.Single().Status, quorum.IsMet), Is.EqualTo((CosignatureStatus.Invalid, false)));
    }

    [Test]
    public void A_witness_with_one_good_and_one_bad_line_is_invalid()
    {
        var good = Board.Cosign(Text, Time);
        var bad = good with { Signature = [.. good.Signature[..^1], (byte)(good.Signature[^1] ^ 1)] };

        var quorum = new WitnessPolicy([Board.VerifierKey]).Check(Cosigned(good, bad));

        Assert.That(quorum.Witnesses.Single().Status, Is.EqualTo(CosignatureStatus.Invalid));
    }

    [Test]
    public void A_line_of_another_key_under_the_same_name_is_ignored()
    {
        var impostor = new CosignatureSigner(Board.VerifierKey.Name, CosignatureSigner.GenerateSeed());

        var quorum = new WitnessPolicy([Board.VerifierKey]).Check(Cosigned(impostor.Cosign(Text, Time)));

        Assert.That(quorum.Witnesses.Single().Status, Is.EqualTo(CosignatureStatus.Missing));
    }

    [Test]
    public void A_quorum_outside_zero_to_the_witnesses_given_and_a_witness_given_twice_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new WitnessPolicy([Board.VerifierKey], 2), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new WitnessPolicy([Board.VerifierKey], -1), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new WitnessPolicy([Board.VerifierKey, CosignatureVerifierKey.Parse(Board.VerifierKey.ToString())]), Throws.ArgumentException.With.Message.Contains("twice"));
            Assert.That(WitnessPolicy.None.Check(Cosigned()).IsMet, Is.True);
        });
    }

    private static SignedNote Cosigned(params NoteSignature[] cosignatures) =>
        SignedNote.Parse(Log.Sign(Text) + string.Concat(cosignatures.Select(c => c.ToLine() + "\n")));
}
