namespace BodyCam.Evidence.Verification.Notes;

/// <summary>
/// A c2sp.org/signed-note note: a text ending in a newline, a blank line, and one or more signature lines.
/// The text means nothing until <see cref="IsSignedBy"/> holds for a trusted key. Equality compares text and signatures.
/// </summary>
public sealed record SignedNote(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    /// <summary>The spec asks verifiers for a limit of at least 16; 100 leaves room for many witnesses.</summary>
    private const int MaxSignatures = 100;

    public static SignedNote Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (NoteFormat.TextProblem(note) is { } problem)
        {
            throw Invalid(problem);
        }
        // The text may hold blank lines itself; the last one separates it from the signatures.
        var separator = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (separator < 0)
        {
            throw Invalid("there is no blank line between the text and the signatures");
        }
        var signatureBlock = note[(separator + 2)..];
        if (signatureBlock.Length == 0)
        {
            throw Invalid("no signature lines follow the last blank line");
        }
        var lines = signatureBlock[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            throw Invalid($"it has {lines.Length} signatures, more than the {MaxSignatures} accepted");
        }
        return new SignedNote(note[..(separator + 1)], [.. lines.Select(ParseSignatureLine)]);
    }

    /// <summary>True when some signature names <paramref name="key"/> and verifies; signatures by other keys are ignored.</summary>
    public bool IsSignedBy(NoteVerifierKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Signatures.Any(signature => key.Verifies(signature, Text));
    }

    public bool Equals(SignedNote? other) =>
        other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal) && Signatures.SequenceEqual(other.Signatures);

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Text), Signatures.Count);

    private static NoteSignature ParseSignatureLine(string line)
    {
        if (!line.StartsWith(NoteFormat.SignatureLinePrefix, StringComparison.Ordinal))
        {
            throw Invalid($"the line '{line}' after the last blank line is not a signature line (— name signature)");
        }
        var nameAndSignature = line[NoteFormat.SignatureLinePrefix.Length..];
        var space = nameAndSignature.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            throw Invalid($"the signature line '{line}' has no space between key name and signature");
        }
        var name = nameAndSignature[..space];
        if (!NoteFormat.IsValidKeyName(name))
        {
            throw Invalid($"the signature line '{line}' has an empty key name or one with a '+'");
        }
        var bytes = NoteFormat.DecodeBase64(nameAndSignature[(space + 1)..])
            ?? throw Invalid($"the signature by {name} is not base64");
        if (bytes.Length <= NoteFormat.KeyIdSize)
        {
            throw Invalid($"the signature by {name} is {bytes.Length} bytes, too short for a key ID and a signature");
        }
        return new NoteSignature(name, bytes[..NoteFormat.KeyIdSize], bytes[NoteFormat.KeyIdSize..]);
    }

    private static FormatException Invalid(string reason) => new($"Not a signed note: {reason}.");
}
