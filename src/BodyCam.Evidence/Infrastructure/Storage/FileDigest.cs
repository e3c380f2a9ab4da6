using System.Security.Cryptography;

namespace BodyCam.Evidence.Infrastructure.Storage;

internal static class FileDigest
{
    /// <summary>The file's SHA-256, lower-case hex as custody events record it, and its length.</summary>
    public static async Task<(string Sha256, long Bytes)> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return (Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken)), file.Length);
    }
}
