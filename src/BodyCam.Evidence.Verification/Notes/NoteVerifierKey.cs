using System.Security.Cryptography;
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
        keyId = ComputeKeyId(name, ed25519.GetEncoded());
    }

    public string Name { get; }

    /// <summary>A copy of the 4-byte key ID.</summary>
    public byte[] KeyId => [.. keyId];

    /// <summary>A copy of the 32-byte RFC 8032 public key.</summary>
    public byte[] PublicKey => ed25519.GetEncoded();

    public static NoteVerifierKey Parse(string verifierKey)
    {
        ArgumentNullException.ThrowIfNull(verifierKey);
        // Names hold no '+', but base64 may, so only the first two separate parts.
        var parts = verifierKey.Split('+', 3);
        if (parts.Length != 3)
        {
            throw Invalid("it is not name+keyID+key");
        }
        var (name, keyIdHex, encodedKey) = (parts[0], parts[1], parts[2]);
        if (!NoteFormat.IsValidKeyName(name))
        {
            throw Invalid($"the key name '{name}' is empty or contains a space");
        }
        if (keyIdHex.Length != 2 * NoteFormat.KeyIdSize || !keyIdHex.All(char.IsAsciiHexDigitLower))
        {
            throw Invalid($"the key ID '{keyIdHex}' is not 8 lowercase hex digits");
        }
        var material = NoteFormat.DecodeBase64(encodedKey) ?? throw Invalid("the key is not base64");
        if (material.Length == 0 || material[0] != Ed25519SignatureType)
        {
            throw Invalid(material.Length == 0 ? "the key is empty" : $"the signature type 0x{material[0]:x2} is not Ed25519 (0x01)");
        }
        if (material.Length != 1 + Ed25519PublicKeyParameters.KeySize)
        {
            throw Invalid($"an Ed25519 public key is {Ed25519PublicKeyParameters.KeySize} bytes, not {material.Length - 1}");
        }
        var key = new NoteVerifierKey(name, DecodePublicKey(material.AsSpan(1)) ?? throw Invalid("the key is not an Ed25519 curve point"));
        var expectedId = Convert.ToHexStringLower(key.keyId);
        if (!string.Equals(keyIdHex, expectedId, StringComparison.Ordinal))
        {
            throw Invalid($"the key ID {keyIdHex} does not match the name and key, whose ID is {expectedId}");
        }
        return key;
    }

    public static NoteVerifierKey ForEd25519(string name, byte[] publicKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (!NoteFormat.IsValidKeyName(name))
        {
            throw new ArgumentException("A key name is non-empty and holds no spaces or '+'.", nameof(name));
        }
        if (publicKey.Length != Ed25519PublicKeyParameters.KeySize)
        {
            throw new ArgumentException($"An Ed25519 public key is {Ed25519PublicKeyParameters.KeySize} bytes.", nameof(publicKey));
        }
        return new NoteVerifierKey(name, DecodePublicKey(publicKey)
            ?? throw new ArgumentException("The public key is not an Ed25519 curve point.", nameof(publicKey)));
    }

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

    public override string ToString() =>
        $"{Name}+{Convert.ToHexStringLower(keyId)}+{Convert.ToBase64String([Ed25519SignatureType, .. ed25519.GetEncoded()])}";

    /// <summary>The name and key ID pick the key a signature claims to be from; the spec ignores any other.</summary>
    internal bool Identifies(NoteSignature signature) =>
        string.Equals(signature.Name, Name, StringComparison.Ordinal) && signature.KeyId.AsSpan().SequenceEqual(keyId);

    /// <summary>SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4], as the spec recommends for Ed25519.</summary>
    private static byte[] ComputeKeyId(string name, byte[] publicKey)
    {
        byte[] preimage = [.. Encoding.UTF8.GetBytes(name), (byte)'\n', Ed25519SignatureType, .. publicKey];
        return SHA256.HashData(preimage)[..NoteFormat.KeyIdSize];
    }

    private static Ed25519PublicKeyParameters? DecodePublicKey(ReadOnlySpan<byte> publicKey)
    {
        try
        {
            return new Ed25519PublicKeyParameters(publicKey);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static FormatException Invalid(string reason) => new($"Not a signed-note Ed25519 verifier key: {reason}.");
}
