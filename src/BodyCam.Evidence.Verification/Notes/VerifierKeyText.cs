using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;

namespace BodyCam.Evidence.Verification.Notes;

/// <summary>
/// The c2sp.org/signed-note verifier key text, <c>name+hex(keyID)+base64(type ‖ public key)</c>, for the Ed25519 key
/// types: 0x01 signs notes (signed-note), 0x04 cosigns checkpoints (tlog-cosignature, cosignature/v1).
/// </summary>
internal static class VerifierKeyText
{
    public static (string Name, Ed25519PublicKeyParameters Key) Parse(string verifierKey, byte signatureType, string kind)
    {
        ArgumentNullException.ThrowIfNull(verifierKey);
        // Names hold no '+', but base64 may, so only the first two separate parts.
        var parts = verifierKey.Split('+', 3);
        if (parts.Length != 3)
        {
            throw Invalid(kind, "it is not name+keyID+key");
        }
        var (name, keyIdHex, encodedKey) = (parts[0], parts[1], parts[2]);
        if (!NoteFormat.IsValidKeyName(name))
        {
            throw Invalid(kind, $"the key name '{name}' is empty or contains a space");
        }
        if (keyIdHex.Length != 2 * NoteFormat.KeyIdSize || !keyIdHex.All(char.IsAsciiHexDigitLower))
        {
            throw Invalid(kind, $"the key ID '{keyIdHex}' is not 8 lowercase hex digits");
        }
        var material = NoteFormat.DecodeBase64(encodedKey) ?? throw Invalid(kind, "the key is not base64");
        if (material.Length == 0 || material[0] != signatureType)
        {
            throw Invalid(kind, material.Length == 0 ? "the key is empty" : $"the signature type 0x{material[0]:x2} is not {kind} (0x{signatureType:x2})");
        }
        if (material.Length != 1 + Ed25519PublicKeyParameters.KeySize)
        {
            throw Invalid(kind, $"an Ed25519 public key is {Ed25519PublicKeyParameters.KeySize} bytes, not {material.Length - 1}");
        }
        var key = DecodePublicKey(material.AsSpan(1)) ?? throw Invalid(kind, "the key is not an Ed25519 curve point");
        var expectedId = Convert.ToHexStringLower(KeyId(name, signatureType, key.GetEncoded()));
        if (!string.Equals(keyIdHex, expectedId, StringComparison.Ordinal))
        {
            throw Invalid(kind, $"the key ID {keyIdHex} does not match the name and key, whose ID is {expectedId}");
        }
        return (name, key);
    }

    public static Ed25519PublicKeyParameters ForEd25519(string name, byte[] publicKey)
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
        return DecodePublicKey(publicKey) ?? throw new ArgumentException("The public key is not an Ed25519 curve point.", nameof(publicKey));
    }

    /// <summary>SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4]: recommended for 0x01, required for 0x04.</summary>
    public static byte[] KeyId(string name, byte signatureType, byte[] publicKey)
    {
        byte[] preimage = [.. Encoding.UTF8.GetBytes(name), (byte)'\n', signatureType, .. publicKey];
        return SHA256.HashData(preimage)[..NoteFormat.KeyIdSize];
    }

    public static string Format(string name, byte[] keyId, byte signatureType, byte[] publicKey) =>
        $"{name}+{Convert.ToHexStringLower(keyId)}+{Convert.ToBase64String([signatureType, .. publicKey])}";

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

    private static FormatException Invalid(string kind, string reason) => new($"Not a signed-note {kind} verifier key: {reason}.");
}
