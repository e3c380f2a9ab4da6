using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Infrastructure.Ledger;

/// <summary>
/// The checkpoint signing key: a 32-byte Ed25519 seed, base64, in a file outside the database, so that whoever
/// can write the database still cannot sign. Created on first use, readable only by its owner; in production
/// the path points at a mounted secret that every instance shares.
/// </summary>
public static class LedgerSigningKey
{
    private const string Setting = "Ledger:SigningKeyPath";

    public static NoteSigner LoadOrCreate(LedgerSettings settings)
    {
        var seed = KeyFile.ReadOrCreate(settings.SigningKeyPath, Setting, NoteSigner.GenerateSeed);
        try
        {
            return new NoteSigner(settings.Origin, seed);
        }
        catch (ArgumentException wrongSize)
        {
            throw KeyFile.Unusable(settings.SigningKeyPath, Setting, wrongSize);
        }
    }
}
