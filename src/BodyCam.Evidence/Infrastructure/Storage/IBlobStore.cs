namespace BodyCam.Evidence.Infrastructure.Storage;

/// <summary>
/// Where recordings live. A blob is written as numbered staged blocks that survive a crash and become
/// readable only when committed, all at once, in index order. Nothing here holds a whole blob in memory.
/// </summary>
public interface IBlobStore
{
    /// <summary>Largest block <see cref="StageBlockAsync"/> accepts.</summary>
    int MaxBlockSize { get; }

    /// <summary>Most blocks one blob may be committed from.</summary>
    int MaxBlockCount { get; }

    /// <summary>Durably stores one block. Staging an index again replaces that block.</summary>
    Task StageBlockAsync(string blobName, int blockIndex, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The staged, uncommitted blocks of a blob in index order.</summary>
    Task<IReadOnlyList<StagedBlock>> ListStagedBlocksAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>Makes blocks 0..<paramref name="blockCount"/>-1 the blob's content, atomically, and drops every staged block.</summary>
    Task CommitBlocksAsync(string blobName, int blockCount, CancellationToken cancellationToken);

    /// <summary>Drops the staged blocks of a blob that was never committed; committed content is untouched.</summary>
    Task DiscardStagedBlocksAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>Streams committed content from <paramref name="offset"/>, to the end or for <paramref name="length"/> bytes.</summary>
    Task<Stream> OpenReadAsync(string blobName, long offset, long? length, CancellationToken cancellationToken);

    /// <summary>
    /// The committed blob as a local file that tools can open and seek (ffprobe must, for MP4), until the
    /// returned file is disposed. Stores that keep blobs elsewhere stream a temporary copy.
    /// </summary>
    Task<LocalBlobFile> OpenLocalFileAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>The committed blob's size, or null when there is no committed blob of that name.</summary>
    Task<long?> GetSizeAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>Deletes committed content and anything staged. Returns false when there was nothing.</summary>
    Task<bool> DeleteAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>Throws when the store cannot be reached or written.</summary>
    Task CheckReadyAsync(CancellationToken cancellationToken);
}

public sealed record StagedBlock(int Index, long Length);

/// <summary>A committed blob as a local file, read only; a temporary copy is deleted on dispose.</summary>
public sealed class LocalBlobFile(string path, DirectoryInfo? temporaryFolder) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose() => temporaryFolder?.Delete(recursive: true);

    internal static async Task<LocalBlobFile> CopyAsync(Stream content, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("bodycam-blob-");
        try
        {
            var path = System.IO.Path.Combine(folder.FullName, "blob");
            await using (content)
            await using (var copy = File.Create(path))
            {
                await content.CopyToAsync(copy, cancellationToken);
            }
            return new LocalBlobFile(path, folder);
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }
}
