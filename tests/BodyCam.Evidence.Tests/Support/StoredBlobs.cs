using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using BodyCam.Evidence.Infrastructure.Storage;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// Damage done to the store behind the server's back, as a failing disk, an operator or an attacker would do it:
/// the file under the data root, or the Azure block blob through the Azure SDK, never through the server's own store.
/// </summary>
internal static class StoredBlobs
{
    /// <summary>Inverts every bit of the byte at <paramref name="offset"/>; returns the content the store now holds.</summary>
    public static async Task<byte[]> FlipByteAsync(EvidenceSettings settings, string blobName, int offset)
    {
        if (settings.Storage.Provider == StorageProvider.FileSystem)
        {
            var path = FilePath(settings, blobName);
            var content = await File.ReadAllBytesAsync(path);
            content[offset] ^= 0xFF;
            await File.WriteAllBytesAsync(path, content);
            return content;
        }
        var blob = Container(settings).GetBlockBlobClient(blobName);
        var bytes = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        bytes[offset] ^= 0xFF;
        // A committed block blob is replaced whole: Put Blob overwrites it with one new block.
        using var replacement = new MemoryStream(bytes);
        await blob.UploadAsync(replacement);
        return bytes;
    }

    public static async Task DeleteAsync(EvidenceSettings settings, string blobName)
    {
        if (settings.Storage.Provider == StorageProvider.FileSystem)
        {
            File.Delete(FilePath(settings, blobName));
            return;
        }
        await Container(settings).GetBlobClient(blobName).DeleteAsync();
    }

    /// <summary>Where <c>FileSystemBlobStore</c> keeps committed blobs: <c>blobs/</c> under <c>Storage:Root</c>.</summary>
    private static string FilePath(EvidenceSettings settings, string blobName)
    {
        var path = Path.Combine(settings.Storage.Root, "blobs", blobName);
        Assert.That(File.Exists(path), Is.True, $"the committed blob is at {path}");
        return path;
    }

    private static BlobContainerClient Container(EvidenceSettings settings) => new(settings.Storage.Connection, settings.Storage.Container);
}
