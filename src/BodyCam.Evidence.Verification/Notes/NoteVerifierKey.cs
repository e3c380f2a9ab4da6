using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace BodyCam.Evidence.Verification.Notes;

/// <summary>
/// An Ed25519 signed-note verifier key, written <c>name+hex(keyID)+base64(0x01 ‖ public key)</c>.
/// </summary>
public sealed class NoteVerifierKey
{
    private const byte Ed25519SignatureType = 0x01;

    private readonly Ed25519PublicKeyParameters ed25519;
    private readonly byte[] keyId;

    private NoteVerifierKey(string name, Ed25519PublicKeyParameters ed25519)
    {
        Name = name;
        this.ed25519 = ed25519;
        keyId = VerifierKeyText.KeyId(name, Ed25519SignatureType, ed25519.GetEncoded());
    }

    public string Name { get; }

    /// <summary>A copy of the 4-byte key ID.</summary>
    public byte[] KeyId => [.. keyId];

    /// <summary>A copy of the 32-byte RFC 8032 public key.</summary>
    public byte[] PublicKey => ed25519.GetEncoded();

    public static NoteVerifierKey Parse(string verifierKey)
    {
        var (name, key) = VerifierKeyText.Parse(verifierKey, Ed25519SignatureType, "Ed25519");
        return new NoteVerifierKey(name, key);
    }

    public static NoteVerifierKey ForEd25519(string name, byte[] publicKey) => new(name, VerifierKeyText.ForEd25519(name, publicKey));

    /// <summary>
    /// True when the signature names this key (name and key ID) and is its Ed25519 signature of the UTF-8 note text;
    /// false for a text that no note could carry.
    /// </summary>
    public bool Verifies(NoteSignature signature, string text)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(text);
        if (!Identifies(signature) || NoteFormat.TextProblem(text) is not null)
        {
            return false;
        }
        var message = Encoding.UTF8.GetBytes(text);
        var verifier = new Ed25519Signer();
        verifier.Init(false, ed25519);
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature.Signature);
    }

    public override string ToString() => VerifierKeyText.Format(Name, keyId, Ed25519SignatureType, ed25519.GetEncoded());

    /// <summary>The name and key ID pick the key a signature claims to be from; the spec ignores any other.</summary>
    public bool Identifies(NoteSignature signature) =>
        string.Equals(signature.Name, Name, StringComparison.Ordinal) && signature.KeyId.AsSpan().SequenceEqual(keyId);
}
