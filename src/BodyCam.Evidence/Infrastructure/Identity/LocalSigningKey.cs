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

    public static SymmetricSecurityKey LoadOrCreate(string path) =>
        new(KeyFile.ReadOrCreate(path, "Identity:SigningKeyPath", () => RandomNumberGenerator.GetBytes(32))) { KeyId = "local" };
}
