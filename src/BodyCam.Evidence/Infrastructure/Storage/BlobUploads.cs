namespace BodyCam.Evidence.Infrastructure.Storage;

public static class BlobUploads
{
    private const int UploadBlockBytes = 8 * 1024 * 1024;

    /// <summary>Stores a local file as a blob, block by block, never holding more than one block of it.</summary>
    public static async Task UploadFileAsync(this IBlobStore store, string path, string blobName, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var buffer = new byte[Math.Min(UploadBlockBytes, store.MaxBlockSize)];
        var blocks = 0;
        while (await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken) is var read and > 0)
        {
            await store.StageBlockAsync(blobName, blocks++, buffer.AsMemory(0, read), cancellationToken);
        }
        await store.CommitBlocksAsync(blobName, blocks, cancellationToken);
    }
}
