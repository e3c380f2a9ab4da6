using System.Buffers.Binary;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Tests.Verification;

/// <summary>c2sp.org/tlog-cosignature, Ed25519 cosignature/v1: keys, the signed message and its timestamp.</summary>
public sealed class CosignatureTests
{
    private const string Checkpoint = "evidence.example/custody\n42\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1679315147);

    private static readonly CosignatureSigner Witness = new("witness.example/board", CosignatureSigner.GenerateSeed());

    [Test]
    public void A_cosignature_verifies_with_its_time()
    {
        var note = SignedNote.Parse($"{Checkpoint}\n{Witness.Cosign(Checkpoint, Time).ToLine()}\n");

        Assert.That(Witness.VerifierKey.CosignedAt(note), Is.EqualTo(Time));
    }

    [Test]
    public void The_signature_is_a_big_endian_timestamp_then_an_Ed25519_signature()
    {
        var signature = Witness.Cosign(Checkpoint, Time);

        Assert.That(signature.Signature, Has.Length.EqualTo(8 + 64));
        Assert.That(BinaryPrimitives.ReadUInt64BigEndian(signature.Signature), Is.EqualTo(1679315147UL));
        Assert.That(signature.KeyId, Is.EqualTo(Witness.VerifierKey.KeyId));
    }

    [Test]
    public void The_key_ID_commits_to_the_cosignature_type_0x04()
    {
        var key = Witness.VerifierKey.ToString();
        var material = Convert.FromBase64String(key.Split('+', 3)[2]);

        Assert.That(material[0], Is.EqualTo(0x04));
        Assert.That(CosignatureVerifierKey.Parse(key).ToString(), Is.EqualTo(key));
        Assert.That(() => NoteVerifierKey.Parse(key), Throws.TypeOf<FormatException>().With.Message.Contains("0x04 is not Ed25519 (0x01)"));
    }

    [Test]
    public void A_note_signing_key_is_not_a_cosigner_key()
    {
        var noteKey = new NoteSigner("witness.example/board", NoteSigner.GenerateSeed()).VerifierKey.ToString();

        Assert.That(() => CosignatureVerifierKey.Parse(noteKey), Throws.TypeOf<FormatException>().With.Message.Contains("0x01 is not Ed25519 cosignature/v1 (0x04)"));
    }

    [Test]
    public void A_cosignature_with_a_changed_time_does_not_verify()
    {
        var signature = Witness.Cosign(Checkpoint, Time);
        var later = signature.Signature.ToArray();
        BinaryPrimitives.WriteUInt64BigEndian(later, 1679315148UL);

        Assert.That(Witness.VerifierKey.Verifies(signature with { Signature = later }, Checkpoint), Is.Null);
    }

    [Test]
    public void A_cosignature_of_another_checkpoint_does_not_verify()
    {
        var signature = Witness.Cosign(Checkpoint, Time);

        Assert.That(Witness.VerifierKey.Verifies(signature, Checkpoint.Replace("\n42\n", "\n43\n", StringComparison.Ordinal)), Is.Null);
    }

    [Test]
    public void The_log_signature_and_other_witnesses_lines_are_ignored()
    {
        var other = new CosignatureSigner("witness.example/court", CosignatureSigner.GenerateSeed());
        var log = new NoteSigner("evidence.example/custody", NoteSigner.GenerateSeed());
        var note = SignedNote.Parse($"{log.Sign(Checkpoint)}{other.Cosign(Checkpoint, Time).ToLine()}\n");

        Assert.That(Witness.VerifierKey.CosignedAt(note), Is.Null);
        Assert.That(other.VerifierKey.CosignedAt(note), Is.EqualTo(Time));
        Assert.That(note.IsSignedBy(log.VerifierKey), Is.True);
    }

    [Test]
    public void A_same_named_key_with_another_public_key_does_not_verify()
    {
        var impostor = new CosignatureSigner(Witness.VerifierKey.Name, CosignatureSigner.GenerateSeed());
        var note = SignedNote.Parse($"{Checkpoint}\n{impostor.Cosign(Checkpoint, Time).ToLine()}\n");

        Assert.That(Witness.VerifierKey.CosignedAt(note), Is.Null);
    }
}
