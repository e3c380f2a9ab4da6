using System.Security.Cryptography;
using System.Text;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Tests.Verification;

/// <summary>c2sp.org/signed-note, with the examples published in the spec.</summary>
public sealed class SignedNoteTests
{
    private const string ExampleKey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";

    private const string ExampleNote =
        "This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    private const string PoemNote = """
        Ognuno sta solo sul cuor della terra
        trafitto da un raggio di sole:

        ed è subito sera.

        — quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=

        """;

    private const string Text = "evidence.example/ledger\n42\n\nA text may hold blank lines.\n";

    /// <summary>RFC 8032 §7.1, TEST 1.</summary>
    private static readonly byte[] Rfc8032Seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    private static readonly NoteSigner Signer = new("evidence.example/ledger", Rfc8032Seed);

    private static readonly string ValidLine = Signer.Sign(Text)[(Text.Length + 1)..];

    [Test]
    public void The_published_example_note_verifies_with_the_published_verifier_key()
    {
        var key = NoteVerifierKey.Parse(ExampleKey);
        var note = SignedNote.Parse(ExampleNote);

        Assert.That(note.Text, Is.EqualTo("This is an example message.\n"));
        Assert.That(note.Signatures.Single().Name, Is.EqualTo("example.com/foo"));
        Assert.That(Convert.ToHexStringLower(key.KeyId), Is.EqualTo("530d903a"));
        Assert.That(note.IsSignedBy(key), Is.True);
    }

    [Test]
    public void A_verifier_key_prints_as_it_was_parsed() =>
        Assert.That(NoteVerifierKey.Parse(ExampleKey).ToString(), Is.EqualTo(ExampleKey));

    [Test]
    public void The_text_ends_at_the_last_blank_line()
    {
        var note = SignedNote.Parse(PoemNote);

        Assert.That(note.Text, Is.EqualTo("Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n"));
        Assert.That(note.Signatures.Single().Name, Is.EqualTo("quasimodo.example/salvatore"));
        Assert.That(note.Signatures.Single().KeyId, Is.EqualTo(Convert.FromBase64String("NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=")[..4]));
        Assert.That(note.IsSignedBy(NoteVerifierKey.Parse(ExampleKey)), Is.False);
    }

    [Test]
    public void The_signer_derives_the_RFC_8032_public_key_and_the_key_ID_from_name_and_key()
    {
        var key = Signer.VerifierKey;
        var publicKey = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        var expectedId = SHA256.HashData([.. Encoding.UTF8.GetBytes("evidence.example/ledger\n"), 0x01, .. publicKey])[..4];

        Assert.That(key.PublicKey, Is.EqualTo(publicKey));
        Assert.That(key.KeyId, Is.EqualTo(expectedId));
        Assert.That(key.ToString(), Is.EqualTo($"evidence.example/ledger+{Convert.ToHexStringLower(expectedId)}+{Convert.ToBase64String([0x01, .. publicKey])}"));
        Assert.That(NoteVerifierKey.Parse(key.ToString()).PublicKey, Is.EqualTo(publicKey));
    }

    [Test]
    public void A_signed_note_is_the_text_a_blank_line_and_one_signature_line()
    {
        var signed = Signer.Sign(Text);

        Assert.That(signed, Does.StartWith(Text + "\n— evidence.example/ledger "));
        Assert.That(signed, Does.EndWith("\n"));
        var signature = Convert.FromBase64String(signed[(Text.Length + "\n— evidence.example/ledger ".Length)..^1]);
        Assert.That(signature, Has.Length.EqualTo(4 + 64));
        Assert.That(signature[..4], Is.EqualTo(Signer.VerifierKey.KeyId));
    }

    [Test]
    public void A_note_signed_by_the_key_verifies()
    {
        var note = SignedNote.Parse(Signer.Sign(Text));

        Assert.That(note.Text, Is.EqualTo(Text));
        Assert.That(note.Signatures.Single().Name, Is.EqualTo("evidence.example/ledger"));
        Assert.That(note.IsSignedBy(NoteVerifierKey.Parse(Signer.VerifierKey.ToString())), Is.True);
    }

    [Test]
    public void Notes_with_the_same_text_and_signature_bytes_are_equal()
    {
        var note = SignedNote.Parse(Signer.Sign(Text));
        var signature = note.Signatures.Single();
        var copy = new SignedNote(Text, [new NoteSignature(signature.Name, [.. signature.KeyId], [.. signature.Signature])]);

        Assert.That(copy, Is.EqualTo(note));
        Assert.That(copy.GetHashCode(), Is.EqualTo(note.GetHashCode()));
        Assert.That(copy with { Text = "other\n" }, Is.Not.EqualTo(note));
    }

    [Test]
    public void Changing_any_byte_of_the_text_breaks_the_signature()
    {
        var note = SignedNote.Parse(Signer.Sign(Text));

        for (var i = 0; i < Text.Length; i++)
        {
            var changed = Text.ToCharArray();
            changed[i] = changed[i] == 'x' ? 'y' : 'x';
            Assert.That((note with { Text = new string(changed) }).IsSignedBy(Signer.VerifierKey), Is.False, $"character {i}");
        }
    }

    [Test]
    public void Changing_any_byte_of_the_signature_breaks_it()
    {
        var note = SignedNote.Parse(Signer.Sign(Text));
        var signature = note.Signatures.Single();

        for (var i = 0; i < signature.Signature.Length; i++)
        {
            var changed = signature.Signature.ToArray();
            changed[i] ^= 0x01;
            var forged = note with { Signatures = [signature with { Signature = changed }] };
            Assert.That(forged.IsSignedBy(Signer.VerifierKey), Is.False, $"byte {i}");
        }
    }

    [Test]
    public void Another_key_does_not_verify_the_note()
    {
        var note = SignedNote.Parse(Signer.Sign(Text));
        var otherSeed = new NoteSigner("evidence.example/ledger", NoteSigner.GenerateSeed()).VerifierKey;
        var otherName = new NoteSigner("evidence.example/other", Rfc8032Seed).VerifierKey;

        Assert.That(note.IsSignedBy(otherSeed), Is.False);
        Assert.That(note.IsSignedBy(otherName), Is.False);
        Assert.That(SignedNote.Parse(ExampleNote).IsSignedBy(Signer.VerifierKey), Is.False);
    }

    [Test]
    public void A_signature_naming_the_key_but_made_by_another_does_not_verify()
    {
        var impostor = new NoteSigner("evidence.example/ledger", NoteSigner.GenerateSeed());
        var signature = SignedNote.Parse(impostor.Sign(Text)).Signatures.Single() with { KeyId = Signer.VerifierKey.KeyId };

        Assert.That(new SignedNote(Text, [signature]).IsSignedBy(Signer.VerifierKey), Is.False);
    }

    [Test]
    public void Signatures_by_unknown_keys_are_ignored()
    {
        var witness = new NoteSigner("witness.example/w1", NoteSigner.GenerateSeed());
        var witnessLine = witness.Sign(Text)[(Text.Length + 1)..];

        var note = SignedNote.Parse(Text + "\n" + witnessLine + ValidLine + "— unknown.example/key AAAAAQID\n");

        Assert.That(note.Signatures.Select(signature => signature.Name), Is.EqualTo(new[] { "witness.example/w1", "evidence.example/ledger", "unknown.example/key" }));
        Assert.That(note.IsSignedBy(Signer.VerifierKey), Is.True);
        Assert.That(note.IsSignedBy(witness.VerifierKey), Is.True);
    }

    private static IEnumerable<TestCaseData> MalformedNotes()
    {
        TestCaseData Case(string note, string name) => new TestCaseData(note).SetArgDisplayNames(name);
        yield return Case(Text, "no signatures");
        yield return Case(Text + "\n", "a blank line and no signatures");
        yield return Case(Text.TrimEnd('\n') + "\n" + ValidLine, "no blank line");
        yield return Case("one line\n" + ValidLine, "no blank line in a one-line note");
        yield return Case(Text + "\n" + ValidLine.TrimEnd('\n'), "no final newline");
        yield return Case(Text + "\n" + ValidLine + "\n", "a blank line after the signatures");
        yield return Case(Text + "\n" + ValidLine.Replace('—', '-'), "a hyphen for the em dash");
        yield return Case(Text + "\n" + ValidLine + "not a signature\n", "a line that is not a signature");
        yield return Case(Text + "\n— evidence.example/ledger\n", "a name without signature");
        yield return Case(Text + "\n—  AAAAAQID\n", "an empty name");
        yield return Case(Text + "\n— bad+name AAAAAQID\n", "a plus in the name");
        yield return Case(Text + "\n— name AAAAAQID \n", "a trailing space");
        yield return Case(Text + "\n— name AAAA AQID\n", "a space in the base64");
        yield return Case(Text + "\n— name AAAAAQI!\n", "invalid base64");
        yield return Case(Text + "\n— name AAAAAQJ=\n", "base64 with padding bits set");
        yield return Case(Text + "\n— name AAAAAA==\n", "a key ID and no signature");
        yield return Case(Text + "\n— name AAAA\n", "three bytes");
        yield return Case(Text + "\n— name \n", "an empty signature");
        yield return Case(Text.Replace("42", "4\r2", StringComparison.Ordinal) + "\n" + ValidLine, "a carriage return");
        yield return Case(Text + "\n" + string.Concat(Enumerable.Repeat(ValidLine, 101)), "101 signatures");
    }

    [TestCaseSource(nameof(MalformedNotes))]
    public void A_malformed_note_is_refused(string note) =>
        Assert.That(() => SignedNote.Parse(note), Throws.TypeOf<FormatException>());

    [Test]
    public void A_hundred_signatures_are_accepted() =>
        Assert.That(SignedNote.Parse(Text + "\n" + string.Concat(Enumerable.Repeat(ValidLine, 100))).Signatures, Has.Count.EqualTo(100));

    private static IEnumerable<TestCaseData> MalformedKeys()
    {
        TestCaseData Case(string key, string name) => new TestCaseData(key).SetArgDisplayNames(name);
        var material = Convert.FromBase64String("AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
        var encoded = Convert.ToBase64String(material);
        yield return Case("", "empty");
        yield return Case("example.com/foo+530d903a", "two parts");
        yield return Case("example.com/foo+530d903a+", "no key");
        yield return Case($"+530d903a+{encoded}", "an empty name");
        yield return Case($"example.com/ foo+530d903a+{encoded}", "a space in the name");
        yield return Case($"example.com/bar+530d903a+{encoded}", "a key ID for another name");
        yield return Case($"example.com/foo+530d903b+{encoded}", "a wrong key ID");
        yield return Case($"example.com/foo+530D903A+{encoded}", "an uppercase key ID");
        yield return Case($"example.com/foo+530d903+{encoded}", "seven hex digits");
        yield return Case($"example.com/foo+530d903a+{encoded[..^1]}", "invalid base64");
        yield return Case($"example.com/foo+530d903a+{Convert.ToBase64String([0x02, .. material[1..]])}", "signature type 0x02");
        yield return Case($"example.com/foo+530d903a+{Convert.ToBase64String(material[..^1])}", "a 31-byte key");
        yield return Case($"example.com/foo+530d903a+{Convert.ToBase64String([.. material, 0x00])}", "a 33-byte key");
    }

    [TestCaseSource(nameof(MalformedKeys))]
    public void A_malformed_verifier_key_is_refused(string key) =>
        Assert.That(() => NoteVerifierKey.Parse(key), Throws.TypeOf<FormatException>());

    [Test]
    public void A_verifier_key_whose_ID_does_not_match_says_so() =>
        Assert.That(
            () => NoteVerifierKey.Parse("example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"),
            Throws.TypeOf<FormatException>().With.Message.Contains("does not match").And.Message.Contains("530d903a"));

    [Test]
    public void Only_note_texts_are_signed()
    {
        Assert.That(() => Signer.Sign("no final newline"), Throws.ArgumentException);
        Assert.That(() => Signer.Sign("a tab\there\n"), Throws.ArgumentException);
        Assert.That(() => new NoteSigner("has space", Rfc8032Seed), Throws.ArgumentException);
        Assert.That(() => new NoteSigner("has+plus", Rfc8032Seed), Throws.ArgumentException);
        Assert.That(() => new NoteSigner("name", Rfc8032Seed[..31]), Throws.ArgumentException);
    }
}
