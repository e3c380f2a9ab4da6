namespace BodyCam.Evidence.Verification.Notes;

/// <summary>
/// One signature line of a signed note, <c>— name base64(keyID ‖ signature)</c>. Equality compares the bytes.
/// </summary>
public sealed record NoteSignature(string Name, byte[] KeyId, byte[] Signature)
{
    /// <summary>The signature line as a note carries it, without its newline.</summary>
    public string ToLine() => $"{NoteFormat.SignatureLinePrefix}{Name} {Convert.ToBase64String([.. KeyId, .. Signature])}";

    public bool Equals(NoteSignature? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && KeyId.AsSpan().SequenceEqual(other.KeyId)
        && Signature.AsSpan().SequenceEqual(other.Signature);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name, StringComparer.Ordinal);
        hash.AddBytes(KeyId);
        hash.AddBytes(Signature);
        return hash.ToHashCode();
    }
}
