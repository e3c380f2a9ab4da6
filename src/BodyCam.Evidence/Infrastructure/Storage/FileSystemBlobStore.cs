using System.Globalization;

namespace BodyCam.Evidence.Infrastructure.Storage;

/// <summary>
/// Blobs as files under a root folder.
/// <para>
/// Uploads stage blocks in order, so a block that follows the blocks already staged is appended to one staging
/// file, flushed to disk, and only then recorded by an empty marker file named for its index, offset and
/// length; the folder is flushed too, so that the marker outlives a power loss. A crash before the marker leaves
/// the block unstaged, to be staged again over the same bytes. A block staged out of order, or staged again
/// when later blocks exist, goes to a file of its own instead.
/// </para>
/// <para>
/// A commit whose blocks are exactly the staging file renames that file into place: the bytes are written
/// once (measured: copying them again made a 1 GiB upload 3.7 s slower). Any other commit concatenates the
/// blocks into a temporary file and renames that. Either way readers see the old content or the new, never a part,
/// and the blob's folder is flushed before the staged blocks are dropped.
/// </para>
/// </summary>
public sealed partial class FileSystemBlobStore(string root) : IBlobStore
{
    private const string BlockExtension = ".block";
    private const string ExtentExtension = ".extent";
    private const string AppendedFileName = "appended";
    private const int CopyBufferSize = 1024 * 1024;

    private readonly string _blobs = Path.Combine(Path.GetFullPath(root), "blobs");
    private readonly string _staging = Path.Combine(Path.GetFullPath(root), "staging");

    public int MaxBlockSize => 64 * 1024 * 1024;

    public int MaxBlockCount => int.MaxValue;

    public async Task StageBlockAsync(string blobName, int blockIndex, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blockIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(content.Length, MaxBlockSize);
        var folder = StagingFolder(blobName);
        DirectoryEntries.CreateFolder(folder, _staging);
        var staged = Staged.Read(folder);
        if (staged.AppendedExtentsEndAt(blockIndex) is { } offset)
        {
            await AppendAsync(folder, staged, blockIndex, offset, content, cancellationToken);
            return;
        }

        var block = Path.Combine(folder, IndexName(blockIndex) + BlockExtension);
        var temporary = block + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var file = OpenForWriting(temporary, FileMode.CreateNew))
            {
                await file.WriteAsync(content, cancellationToken);
                file.Flush(flushToDisk: true);
                PageCache.Release(file.SafeFileHandle, 0, content.Length);
            }
            File.Move(temporary, block, overwrite: true);
            DirectoryEntries.Flush(folder);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<IReadOnlyList<StagedBlock>> ListStagedBlocksAsync(string blobName, CancellationToken cancellationToken)
    {
        var folder = StagingFolder(blobName);
        IReadOnlyList<StagedBlock> blocks = Directory.Exists(folder)
            ? [.. Staged.Read(folder).Blocks.Select(block => new StagedBlock(block.Index, block.Length))]
            : [];
        return Task.FromResult(blocks);
    }

    public async Task CommitBlocksAsync(string blobName, int blockCount, CancellationToken cancellationToken)
    {
        var folder = StagingFolder(blobName);
        var staged = Directory.Exists(folder) ? Staged.Read(folder) : Staged.Empty;
        var blocks = Enumerable.Range(0, blockCount).Select(staged.Find).ToList();
        if (blocks.IndexOf(null) is var missing and >= 0)
        {
            throw new InvalidOperationException($"Cannot commit '{blobName}': block {missing} is not staged.");
        }

        var target = BlobPath(blobName);
        var targetFolder = Path.GetDirectoryName(target)!;
        DirectoryEntries.CreateFolder(targetFolder, _blobs);
        if (blockCount > 0 && staged.AppendedFileLengthIfExactly(blockCount) is { } length)
        {
            var appended = Path.Combine(folder, AppendedFileName);
            // Bytes past the last recorded block are from a staging that never finished; they are not the blob's.
            await using (var file = OpenForWriting(appended, FileMode.Open))
            {
                file.SetLength(length);
            }
            File.Move(appended, target, overwrite: true);
        }
        else
        {
            await ConcatenateAsync(folder, blocks!, target, cancellationToken);
        }
        DirectoryEntries.Flush(targetFolder);
        await DiscardStagedBlocksAsync(blobName, cancellationToken);
    }

    public Task DiscardStagedBlocksAsync(string blobName, CancellationToken cancellationToken)
    {
        var folder = StagingFolder(blobName);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        return Task.CompletedTask;
    }

    /// <summary>A read to the end releases the pages behind it; a bounded read (playback) keeps them (<see cref="BlobFileReader"/>).</summary>
    public Task<Stream> OpenReadAsync(string blobName, long offset, long? length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var file = new BlobFileReader(BlobPath(blobName), releasesBehind: length is null);
        var size = file.Length;
        if (offset > size)
        {
            file.Dispose();
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"'{blobName}' holds only {size} bytes.");
        }
        file.Seek(offset, SeekOrigin.Begin);
        return Task.FromResult<Stream>(length is { } limit ? new LengthLimitedStream(file, limit) : file);
    }

    public Task<LocalBlobFile> OpenLocalFileAsync(string blobName, CancellationToken cancellationToken)
    {
        var path = BlobPath(blobName);
        return File.Exists(path)
            ? Task.FromResult(new LocalBlobFile(path, temporaryFolder: null))
            : throw new FileNotFoundException($"'{blobName}' is not committed.", path);
    }

    public Task<long?> GetSizeAsync(string blobName, CancellationToken cancellationToken)
    {
        var file = new FileInfo(BlobPath(blobName));
        return Task.FromResult(file.Exists ? file.Length : (long?)null);
    }

    public async Task<bool> DeleteAsync(string blobName, CancellationToken cancellationToken)
    {
        var path = BlobPath(blobName);
        var existed = File.Exists(path) || Directory.Exists(StagingFolder(blobName));
        File.Delete(path);
        if (Path.GetDirectoryName(path) is { } folder && Directory.Exists(folder))
        {
            DirectoryEntries.Flush(folder);
        }
        await DiscardStagedBlocksAsync(blobName, cancellationToken);
        return existed;
    }

    public async Task CheckReadyAsync(CancellationToken cancellationToken)
    {
        OwnerOnly.CreateFolder(_blobs);
        var probe = Path.Combine(OwnerOnly.CreateFolder(_staging).FullName, ".ready-" + Guid.NewGuid().ToString("N"));
        await using (var file = OpenForWriting(probe, FileMode.CreateNew))
        {
            await file.WriteAsync(new byte[] { 1 }, cancellationToken);
        }
        File.Delete(probe);
    }

    private static async Task AppendAsync(
        string folder, Staged staged, int blockIndex, long offset, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (staged.Extent(blockIndex) is { } replaced)
        {
            File.Delete(Path.Combine(folder, replaced.MarkerName));
        }
        File.Delete(Path.Combine(folder, IndexName(blockIndex) + BlockExtension));
        await using (var appended = OpenForWriting(Path.Combine(folder, AppendedFileName), FileMode.OpenOrCreate))
        {
            appended.SetLength(offset);
            appended.Seek(offset, SeekOrigin.Begin);
            await appended.WriteAsync(content, cancellationToken);
            appended.Flush(flushToDisk: true);
            PageCache.Release(appended.SafeFileHandle, offset, content.Length);
        }
        await OpenForWriting(Path.Combine(folder, new StagedPiece(blockIndex, content.Length, offset).MarkerName), FileMode.Create).DisposeAsync();
        DirectoryEntries.Flush(folder);
    }

    private static async Task ConcatenateAsync(string folder, IReadOnlyList<StagedPiece> blocks, string target, CancellationToken cancellationToken)
    {
        var temporary = target + "." + Guid.NewGuid().ToString("N") + ".committing";
        try
        {
            await using (var output = OpenForWriting(temporary, FileMode.CreateNew))
            {
                foreach (var block in blocks)
                {
                    await using var input = block.Offset is { } offset
                        ? new LengthLimitedStream(OpenAt(Path.Combine(folder, AppendedFileName), offset), block.Length)
                        : (Stream)OpenForReading(Path.Combine(folder, IndexName(block.Index) + BlockExtension));
                    await input.CopyToAsync(output, CopyBufferSize, cancellationToken);
                }
                output.Flush(flushToDisk: true);
                PageCache.Release(output.SafeFileHandle, 0, output.Length);
            }
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private string BlobPath(string blobName) => Path.Combine(_blobs, BlobName.Validate(blobName));

    /// <summary>Flattened, so that discarding the staged blocks of "a" can never touch those of "a/b".</summary>
    private string StagingFolder(string blobName) => Path.Combine(_staging, BlobName.Validate(blobName).Replace("/", "%2F", StringComparison.Ordinal));

    private static string IndexName(int blockIndex) => blockIndex.ToString("D8", CultureInfo.InvariantCulture);

    private static FileStream OpenForWriting(string path, FileMode mode) => OwnerOnly.OpenForWriting(path, mode, FileOptions.Asynchronous);

    private static FileStream OpenForReading(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private static FileStream OpenAt(string path, long offset)
    {
        var file = OpenForReading(path);
        file.Seek(offset, SeekOrigin.Begin);
        return file;
    }
}
