using System.Globalization;

namespace BodyCam.Evidence.Infrastructure.Storage;

/// <summary>
/// Blobs as files under a root folder. Each staged block is its own file, written to a temporary name, flushed
/// to disk and renamed into place, so a crash leaves either the whole block or none of it. A commit
/// concatenates the blocks into a temporary file and renames it over the blob name, so readers see the old
/// content or the new, never a part.
/// </summary>
public sealed class FileSystemBlobStore(string root) : IBlobStore
{
    private const string BlockExtension = ".block";
    private const int CopyBufferSize = 1024 * 1024;

    private readonly string _blobs = Path.Combine(Path.GetFullPath(root), "blobs");
    private readonly string _staging = Path.Combine(Path.GetFullPath(root), "staging");

    public int MaxBlockSize => 64 * 1024 * 1024;

    public async Task StageBlockAsync(string blobName, int blockIndex, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blockIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(content.Length, MaxBlockSize);
        var folder = Directory.CreateDirectory(StagingFolder(blobName)).FullName;
        var block = Path.Combine(folder, BlockFileName(blockIndex));
        var temporary = block + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var file = OpenForWriting(temporary))
        {
            await file.WriteAsync(content, cancellationToken);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, block, overwrite: true);
    }

    public Task<IReadOnlyList<StagedBlock>> ListStagedBlocksAsync(string blobName, CancellationToken cancellationToken)
    {
        var folder = new DirectoryInfo(StagingFolder(blobName));
        IReadOnlyList<StagedBlock> blocks = folder.Exists
            ? [.. folder.EnumerateFiles("*" + BlockExtension)
                .Select(file => new StagedBlock(int.Parse(Path.GetFileNameWithoutExtension(file.Name), CultureInfo.InvariantCulture), file.Length))
                .OrderBy(block => block.Index)]
            : [];
        return Task.FromResult(blocks);
    }

    public async Task CommitBlocksAsync(string blobName, int blockCount, CancellationToken cancellationToken)
    {
        var folder = StagingFolder(blobName);
        var blocks = Enumerable.Range(0, blockCount).Select(index => Path.Combine(folder, BlockFileName(index))).ToList();
        var missing = blocks.FirstOrDefault(block => !File.Exists(block));
        if (missing is not null)
        {
            throw new InvalidOperationException($"Cannot commit '{blobName}': block {Path.GetFileNameWithoutExtension(missing)} is not staged.");
        }

        var target = BlobPath(blobName);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + "." + Guid.NewGuid().ToString("N") + ".committing";
        try
        {
            await using (var output = OpenForWriting(temporary))
            {
                foreach (var block in blocks)
                {
                    await using var input = OpenForReading(block);
                    await input.CopyToAsync(output, CopyBufferSize, cancellationToken);
                }
                output.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        Directory.Delete(folder, recursive: true);
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

    public Task<Stream> OpenReadAsync(string blobName, long offset, long? length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var file = OpenForReading(BlobPath(blobName));
        var size = file.Length;
        if (offset > size)
        {
            file.Dispose();
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"'{blobName}' holds only {size} bytes.");
        }
        file.Seek(offset, SeekOrigin.Begin);
        return Task.FromResult<Stream>(length is { } limit ? new LengthLimitedStream(file, limit) : file);
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
        await DiscardStagedBlocksAsync(blobName, cancellationToken);
        return existed;
    }

    public async Task CheckReadyAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_blobs);
        var probe = Path.Combine(Directory.CreateDirectory(_staging).FullName, ".ready-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(probe, [1], cancellationToken);
        File.Delete(probe);
    }

    private string BlobPath(string blobName) => Path.Combine(_blobs, BlobName.Validate(blobName));

    /// <summary>Flattened, so that discarding the staged blocks of "a" can never touch those of "a/b".</summary>
    private string StagingFolder(string blobName) => Path.Combine(_staging, BlobName.Validate(blobName).Replace("/", "%2F", StringComparison.Ordinal));

    private static string BlockFileName(int blockIndex) => blockIndex.ToString("D8", CultureInfo.InvariantCulture) + BlockExtension;

    private static FileStream OpenForWriting(string path) =>
        new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);

    private static FileStream OpenForReading(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
