using System.Buffers.Binary;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace BodyCam.Evidence.Verification.Notes;

/// <summary>
/// A witness's Ed25519 cosigner key (c2sp.org/tlog-cosignature, <c>cosignature/v1</c>), written
/// <c>name+hex(keyID)+base64(0x04 ‖ public key)</c>. A cosignature says that, at its time, the witness had seen no larger
/// consistent tree of the checkpoint's log than this one.
/// </summary>
public sealed class CosignatureVerifierKey
{
    internal const byte SignatureType = 0x04;

    private const int TimestampSize = 8;

    private readonly Ed25519PublicKeyParameters ed25519;
    private readonly byte[] keyId;

    private CosignatureVerifierKey(string name, Ed25519PublicKeyParameters ed25519)
    {
        Name = name;
        this.ed25519 = ed25519;
        keyId = VerifierKeyText.KeyId(name, SignatureType, ed25519.GetEncoded());
    }

    public string Name { get; }

    /// <summary>A copy of the 4-byte key ID.</summary>
    public byte[] KeyId => [.. keyId];

    public static CosignatureVerifierKey Parse(string verifierKey)
    {
        var (name, key) = VerifierKeyText.Parse(verifierKey, SignatureType, "Ed25519 cosignature/v1");
        return new CosignatureVerifierKey(name, key);
    }

    public static CosignatureVerifierKey ForEd25519(string name, byte[] publicKey) => new(name, VerifierKeyText.ForEd25519(name, publicKey));

    /// <summary>
    /// The time of this key's cosignature on the note's checkpoint, or null when no signature line of the note is one.
    /// Lines of other keys are ignored, as the spec asks.
    /// </summary>
    public DateTimeOffset? CosignedAt(SignedNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        foreach (var signature in note.Signatures)
        {
            if (Verifies(signature, note.Text) is { } time)
            {
                return time;
            }
        }
        return null;
    }

    /// <summary>The cosignature's time when <paramref name="signature"/> is this key's cosignature of the checkpoint text; otherwise null.</summary>
    public DateTimeOffset? Verifies(NoteSignature signature, string checkpointText)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(checkpointText);
        if (!Identifies(signature) || signature.Signature.Length != TimestampSize + Ed25519PrivateKeyParameters.SignatureSize || NoteFormat.TextProblem(checkpointText) is not null)
        {
            return null;
        }
        var timestamp = BinaryPrimitives.ReadUInt64BigEndian(signature.Signature);
        if (timestamp > long.MaxValue || timestamp > (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }
        var message = Message(checkpointText, (long)timestamp);
        var verifier = new Ed25519Signer();
        verifier.Init(false, ed25519);
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature.Signature[TimestampSize..])
            ? DateTimeOffset.FromUnixTimeSeconds((long)timestamp)
            : null;
    }

    /// <summary>
    /// True when the signature line names this key by name and key ID: a line the spec says must verify. Lines that share
    /// only one of the two are another key's and are ignored.
    /// </summary>
    public bool Identifies(NoteSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return string.Equals(signature.Name, Name, StringComparison.Ordinal) && signature.KeyId.AsSpan().SequenceEqual(keyId);
    }

    public override string ToString() => VerifierKeyText.Format(Name, keyId, SignatureType, ed25519.GetEncoded());

    /// <summary>The signed message: the header and time lines, then the checkpoint's whole note text.</summary>
    internal static byte[] Message(string checkpointText, long timestamp) =>
        Encoding.UTF8.GetBytes($"cosignature/v1\ntime {timestamp}\n{checkpointText}");
}
