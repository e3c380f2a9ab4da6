using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace BodyCam.Evidence.Infrastructure.Identity;

/// <summary>
/// The development token key: 256 random bits in a file under the data folder, created on first use and
/// readable only by its owner. The server and `bodycam token` both read it, so their tokens agree.
/// </summary>
public static class LocalSigningKey
{
    public const string Issuer = "bodycam-local";

    public static SymmetricSecurityKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var created = Path.Combine(Path.GetDirectoryName(path)!, Guid.NewGuid().ToString("N") + ".tmp");
            File.WriteAllText(created, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(created, UnixFileMode.UserRead | UnixFileMode.UserWrite);
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
        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(path).Trim())) { KeyId = "local" };
    }
}
