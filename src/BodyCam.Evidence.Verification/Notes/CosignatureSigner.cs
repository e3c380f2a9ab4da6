using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace BodyCam.Evidence.Verification.Notes;

/// <summary>Cosigns checkpoints as a witness does (c2sp.org/tlog-cosignature, Ed25519 <c>cosignature/v1</c>).</summary>
public sealed class CosignatureSigner
{
    private readonly Ed25519PrivateKeyParameters ed25519;

    public CosignatureSigner(string name, byte[] privateKeySeed)
    {
        ArgumentNullException.ThrowIfNull(privateKeySeed);
        if (privateKeySeed.Length != Ed25519PrivateKeyParameters.KeySize)
        {
            throw new ArgumentException($"An Ed25519 private key seed is {Ed25519PrivateKeyParameters.KeySize} bytes.", nameof(privateKeySeed));
        }
        ed25519 = new Ed25519PrivateKeyParameters(privateKeySeed);
        VerifierKey = CosignatureVerifierKey.ForEd25519(name, ed25519.GeneratePublicKey().GetEncoded());
    }

    public CosignatureVerifierKey VerifierKey { get; }

    public static byte[] GenerateSeed() => RandomNumberGenerator.GetBytes(Ed25519PrivateKeyParameters.KeySize);

    /// <summary>This witness's signature line on the checkpoint's note text, timestamped to the second.</summary>
    public NoteSignature Cosign(string checkpointText, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(checkpointText);
        if (NoteFormat.TextProblem(checkpointText) is { } problem)
        {
            throw new ArgumentException($"Not a note text: {problem}.", nameof(checkpointText));
        }
        var timestamp = time.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp, nameof(time));
        var message = CosignatureVerifierKey.Message(checkpointText, timestamp);
        var signer = new Ed25519Signer();
        signer.Init(true, ed25519);
        signer.BlockUpdate(message, 0, message.Length);
        var signature = new byte[8 + Ed25519PrivateKeyParameters.SignatureSize];
        BinaryPrimitives.WriteUInt64BigEndian(signature, (ulong)timestamp);
        signer.GenerateSignature().CopyTo(signature, 8);
        return new NoteSignature(VerifierKey.Name, VerifierKey.KeyId, signature);
    }
}
