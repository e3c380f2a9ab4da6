using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace BodyCam.Evidence.Infrastructure.Storage;

/// <summary>
/// Block blobs: each staged block is a Put Block, a commit is one Put Block List. Uncommitted blocks are
/// invisible to readers and Azure keeps them for seven days, which bounds how long an upload may pause.
/// Each block carries its MD5, so the service refuses a block damaged on the way instead of storing it.
/// </summary>
public sealed class AzureBlobStore(BlobContainerClient container) : IBlobStore
{
    private const string BlockIdPrefix = "block-";

    private volatile bool _containerExists;

    public int MaxBlockSize => 64 * 1024 * 1024;

    public int MaxBlockCount => 50_000;

    public async Task StageBlockAsync(string blobName, int blockIndex, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blockIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(content.Length, MaxBlockSize);
        await EnsureContainerAsync(cancellationToken);
        await using var block = BinaryData.FromBytes(content).ToStream();
        await BlockBlob(blobName).StageBlockAsync(BlockId(blockIndex), block, new BlockBlobStageBlockOptions
        {
            TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<StagedBlock>> ListStagedBlocksAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            BlockList list = await BlockBlob(blobName).GetBlockListAsync(BlockListTypes.Uncommitted, cancellationToken: cancellationToken);
            return [.. list.UncommittedBlocks
                .Select(block => new StagedBlock(BlockIndex(block.Name), block.SizeLong))
                .OrderBy(block => block.Index)];
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    public async Task CommitBlocksAsync(string blobName, int blockCount, CancellationToken cancellationToken)
    {
        try
        {
            await BlockBlob(blobName).CommitBlockListAsync(
                Enumerable.Range(0, blockCount).Select(BlockId), cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.InvalidBlockList)
        {
            throw new InvalidOperationException($"Cannot commit '{blobName}': not every block of 0..{blockCount - 1} is staged.", e);
        }
    }

    /// <summary>
    /// Azure cannot delete uncommitted blocks on their own. Committing an empty list drops them; the condition
    /// makes that commit fail rather than empty a blob that was committed meanwhile.
    /// </summary>
    public async Task DiscardStagedBlocksAsync(string blobName, CancellationToken cancellationToken)
    {
        var blob = BlockBlob(blobName);
        try
        {
            var empty = await blob.CommitBlockListAsync([], new CommitBlockListOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            await blob.DeleteIfExistsAsync(conditions: new BlobRequestConditions { IfMatch = empty.Value.ETag }, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            // A committed blob exists (409/412) or the container does not (404): nothing of ours to discard.
        }
    }

    public async Task<Stream> OpenReadAsync(string blobName, long offset, long? length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var blob = container.GetBlobClient(BlobName.Validate(blobName));
        if (offset == 0 && length is null)
        {
            return (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value.Content;
        }
        try
        {
            var range = new HttpRange(offset, length);
            return (await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = range }, cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 416)
        {
            var size = await GetSizeAsync(blobName, cancellationToken);
            if (offset == size || length == 0)
            {
                return Stream.Null;
            }
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"'{blobName}' holds only {size} bytes.");
        }
    }

    public async Task<LocalBlobFile> OpenLocalFileAsync(string blobName, CancellationToken cancellationToken) =>
        await LocalBlobFile.CopyAsync(await OpenReadAsync(blobName, 0, null, cancellationToken), cancellationToken);

    public async Task<long?> GetSizeAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            BlobProperties properties = await container.GetBlobClient(BlobName.Validate(blobName)).GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.ContentLength;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string blobName, CancellationToken cancellationToken)
    {
        var hadStagedBlocks = (await ListStagedBlocksAsync(blobName, cancellationToken)).Count > 0;
        bool deleted = await container.GetBlobClient(BlobName.Validate(blobName))
            .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        if (!deleted && hadStagedBlocks)
        {
            await DiscardStagedBlocksAsync(blobName, cancellationToken);
        }
        return deleted || hadStagedBlocks;
    }

    public async Task CheckReadyAsync(CancellationToken cancellationToken)
    {
        _containerExists = false;
        await EnsureContainerAsync(cancellationToken);
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerExists)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerExists = true;
        }
    }

    private BlockBlobClient BlockBlob(string blobName) => container.GetBlockBlobClient(BlobName.Validate(blobName));

    /// <summary>Put Block List requires every block ID of a blob to have the same length, hence the fixed width.</summary>
    private static string BlockId(int blockIndex) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(BlockIdPrefix + blockIndex.ToString("D8", CultureInfo.InvariantCulture)));

    private static int BlockIndex(string blockId) =>
        int.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(blockId)).AsSpan(BlockIdPrefix.Length), CultureInfo.InvariantCulture);
}
