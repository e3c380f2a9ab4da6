using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace BodyCam.Evidence.Verification.Notes;

/// <summary>Signs note texts with an Ed25519 key under a key name, giving c2sp.org/signed-note notes.</summary>
public sealed class NoteSigner
{
    private readonly Ed25519PrivateKeyParameters ed25519;

    public NoteSigner(string name, byte[] privateKeySeed)
    {
        ArgumentNullException.ThrowIfNull(privateKeySeed);
        if (privateKeySeed.Length != Ed25519PrivateKeyParameters.KeySize)
        {
            throw new ArgumentException($"An Ed25519 private key seed is {Ed25519PrivateKeyParameters.KeySize} bytes.", nameof(privateKeySeed));
        }
        ed25519 = new Ed25519PrivateKeyParameters(privateKeySeed);
        VerifierKey = NoteVerifierKey.ForEd25519(name, ed25519.GeneratePublicKey().GetEncoded());
    }

    public NoteVerifierKey VerifierKey { get; }

    public static byte[] GenerateSeed() => RandomNumberGenerator.GetBytes(Ed25519PrivateKeyParameters.KeySize);

    /// <summary>The signed note: <paramref name="text"/>, a blank line and this key's signature line.</summary>
    public string Sign(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (NoteFormat.TextProblem(text) is { } problem)
        {
            throw new ArgumentException($"Not a note text: {problem}.", nameof(text));
        }
        var message = Encoding.UTF8.GetBytes(text);
        var signer = new Ed25519Signer();
        signer.Init(true, ed25519);
        signer.BlockUpdate(message, 0, message.Length);
        var signature = Convert.ToBase64String([.. VerifierKey.KeyId, .. signer.GenerateSignature()]);
        return $"{text}\n{NoteFormat.SignatureLinePrefix}{VerifierKey.Name} {signature}\n";
    }
}
