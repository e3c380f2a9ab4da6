using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Tests.Verification;

/// <summary>c2sp.org/tlog-checkpoint over the RFC 9162 reference tree of eight leaves.</summary>
public sealed class CheckpointTests
{
    private const string Origin = "evidence.example/ledger";

    /// <summary>The checkpoint example of c2sp.org/tlog-checkpoint; its signing key is not published.</summary>
    private const string ExampleCheckpoint = """
        example.com/behind-the-sofa
        20852163
        CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

        — example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=

        """;

    private static readonly Checkpoint EightLeaves =
        new(Origin, 8, Convert.FromHexString("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));

    private static readonly NoteSigner Log = new(Origin, Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));

    [Test]
    public void A_checkpoint_is_written_as_origin_tree_size_and_base64_root_hash_lines() =>
        Assert.That(EightLeaves.ToNoteText(), Is.EqualTo("evidence.example/ledger\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"));

    [Test]
    public void Parsing_the_written_text_gives_back_the_checkpoint()
    {
        var empty = new Checkpoint(Origin, 0, MerkleHash.EmptyTree());

        Assert.That(Checkpoint.Parse(EightLeaves.ToNoteText()), Is.EqualTo(EightLeaves));
        Assert.That(Checkpoint.Parse(empty.ToNoteText()), Is.EqualTo(empty));
        Assert.That(Checkpoint.Parse(EightLeaves.ToNoteText()), Is.Not.EqualTo(EightLeaves with { RootHash = MerkleHash.EmptyTree() }));
    }

    [Test]
    public void Extension_lines_are_accepted_and_ignored() =>
        Assert.That(Checkpoint.Parse(EightLeaves.ToNoteText() + "extension one\nextension two\n"), Is.EqualTo(EightLeaves));

    [Test]
    public void The_published_example_checkpoint_parses()
    {
        var checkpoint = Checkpoint.Parse(SignedNote.Parse(ExampleCheckpoint).Text);

        Assert.That(checkpoint.Origin, Is.EqualTo("example.com/behind-the-sofa"));
        Assert.That(checkpoint.TreeSize, Is.EqualTo(20852163));
        Assert.That(checkpoint.RootHash, Is.EqualTo(Convert.FromBase64String("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")));
    }

    [Test]
    public void A_signed_checkpoint_is_verified_from_its_text_and_the_verifier_key_string()
    {
        var signedNote = Log.Sign(EightLeaves.ToNoteText());
        var verifierKey = Log.VerifierKey.ToString();

        Assert.That(Checkpoint.Verify(signedNote, NoteVerifierKey.Parse(verifierKey)), Is.EqualTo(EightLeaves));
    }

    [Test]
    public void A_checkpoint_cosigned_by_a_witness_still_verifies_with_the_log_key()
    {
        var witness = new NoteSigner("witness.example/w1", NoteSigner.GenerateSeed());
        var text = EightLeaves.ToNoteText();
        var cosigned = witness.Sign(text) + Log.Sign(text)[(text.Length + 1)..];

        Assert.That(Checkpoint.Verify(cosigned, Log.VerifierKey), Is.EqualTo(EightLeaves));
        Assert.That(Checkpoint.Verify(cosigned, witness.VerifierKey), Is.EqualTo(EightLeaves));
    }

    [Test]
    public void A_checkpoint_with_a_changed_tree_size_is_refused()
    {
        var forged = Log.Sign(EightLeaves.ToNoteText()).Replace("\n8\n", "\n9\n", StringComparison.Ordinal);

        Assert.That(() => Checkpoint.Verify(forged, Log.VerifierKey), Throws.TypeOf<InvalidDataException>().With.Message.Contains("does not verify"));
    }

    [Test]
    public void A_checkpoint_signed_by_another_key_is_refused()
    {
        var other = new NoteSigner(Origin, NoteSigner.GenerateSeed());

        Assert.That(
            () => Checkpoint.Verify(other.Sign(EightLeaves.ToNoteText()), Log.VerifierKey),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("no signature by evidence.example/ledger"));
        Assert.That(() => Checkpoint.Verify(ExampleCheckpoint, Log.VerifierKey), Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void A_bad_signature_from_the_log_key_is_refused_even_beside_a_good_one()
    {
        var signed = Log.Sign(EightLeaves.ToNoteText());
        var line = signed[(EightLeaves.ToNoteText().Length + 1)..];
        var middle = line.Length / 2;
        var badLine = line[..middle] + (line[middle] == 'A' ? 'B' : 'A') + line[(middle + 1)..];

        Assert.That(() => Checkpoint.Verify(signed + badLine, Log.VerifierKey), Throws.TypeOf<InvalidDataException>());
        Assert.That(SignedNote.Parse(signed + badLine).IsSignedBy(Log.VerifierKey), Is.True);
    }

    private static IEnumerable<TestCaseData> MalformedTexts()
    {
        TestCaseData Case(string text, string name) => new TestCaseData(text).SetArgDisplayNames(name);
        const string Root = "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=";
        yield return Case($"{Origin}\n8\n{Root}", "no final newline");
        yield return Case($"{Origin}\n8\n", "two lines");
        yield return Case($"\n8\n{Root}\n", "an empty origin");
        yield return Case($"{Origin}\n08\n{Root}\n", "a leading zero");
        yield return Case($"{Origin}\n00\n{Root}\n", "a zero with a leading zero");
        yield return Case($"{Origin}\n+8\n{Root}\n", "a plus sign");
        yield return Case($"{Origin}\n-8\n{Root}\n", "a minus sign");
        yield return Case($"{Origin}\n 8\n{Root}\n", "a space");
        yield return Case($"{Origin}\n8.0\n{Root}\n", "a decimal point");
        yield return Case($"{Origin}\n\n{Root}\n", "an empty size");
        yield return Case($"{Origin}\n9223372036854775808\n{Root}\n", "a size beyond 64 bits");
        yield return Case($"{Origin}\n8\n{Root[..^4]}\n", "a root of 30 bytes");
        yield return Case($"{Origin}\n8\n{Convert.ToBase64String(new byte[33])}\n", "a root of 33 bytes");
        yield return Case($"{Origin}\n8\n{Convert.ToHexStringLower(new byte[32])}\n", "a hex root");
        yield return Case($"{Origin}\n8\n{Root}\n\nextension\n", "an empty extension line");
        yield return Case($"{Origin}\r\n8\n{Root}\n", "a carriage return");
    }

    [TestCaseSource(nameof(MalformedTexts))]
    public void A_malformed_checkpoint_text_is_refused(string text) =>
        Assert.That(() => Checkpoint.Parse(text), Throws.TypeOf<FormatException>());
}
