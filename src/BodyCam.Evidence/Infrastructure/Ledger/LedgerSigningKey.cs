using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Infrastructure.Ledger;

/// <summary>
/// The checkpoint signing key: a 32-byte Ed25519 seed, base64, in a file outside the database, so that whoever
/// can write the database still cannot sign. Created on first use, readable only by its owner; in production
/// the path points at a mounted secret that every instance shares.
/// </summary>
public static class LedgerSigningKey
{
    public static NoteSigner LoadOrCreate(LedgerSettings settings)
    {
        var path = settings.SigningKeyPath;
        if (!File.Exists(path))
        {
            var folder = Directory.CreateDirectory(Path.GetDirectoryName(path)!).FullName;
            var created = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".tmp");
            var ownerOnly = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                ownerOnly.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var key = new StreamWriter(created, ownerOnly))
            {
                key.Write(Convert.ToBase64String(NoteSigner.GenerateSeed()));
            }
            try
            {
                File.Move(created, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(created);
            }
        }
        return new NoteSigner(settings.Origin, Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }
}
