using System.Security.Cryptography;
using Azure.Storage.Blobs;
using BodyCam.Evidence.Infrastructure.Storage;

namespace BodyCam.Evidence.Tests.Contracts;

/// <summary>One contract, every blob store: the filesystem store and Azure Blob Storage (Azurite).</summary>
[TestFixtureSource(nameof(Stores))]
public sealed class BlobStoreContractTests(StorageProvider provider)
{
    public static readonly StorageProvider[] Stores = [StorageProvider.FileSystem, StorageProvider.AzureBlob];

    private string _location = "";
    private IBlobStore _store = null!;

    [OneTimeSetUp]
    public void CreateStore()
    {
        _location = provider == StorageProvider.AzureBlob
            ? "contract-" + Guid.NewGuid().ToString("N")
            : Directory.CreateTempSubdirectory("bodycam-blobs-").FullName;
        _store = OpenStore();
    }

    [OneTimeTearDown]
    public async Task DeleteStore()
    {
        if (provider == StorageProvider.AzureBlob)
        {
            await new BlobContainerClient(LocalServices.Azurite, _location).DeleteIfExistsAsync();
        }
        else
        {
            Directory.Delete(_location, recursive: true);
        }
    }

    [Test]
    public async Task Committed_blocks_read_back_in_index_order_whatever_the_staging_order()
    {
        var blob = NewBlobName();
        byte[][] blocks = [Bytes(1000, 1), Bytes(700, 2), Bytes(5, 3)];
        foreach (var index in new[] { 2, 0, 1 })
        {
            await _store.StageBlockAsync(blob, index, blocks[index], CancellationToken.None);
        }

        await _store.CommitBlocksAsync(blob, 3, CancellationToken.None);

        Assert.That(await ReadAllAsync(blob), Is.EqualTo(blocks.SelectMany(block => block).ToArray()));
        Assert.That(await _store.GetSizeAsync(blob, CancellationToken.None), Is.EqualTo(1705));
        Assert.That(await _store.ListStagedBlocksAsync(blob, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Staged_blocks_are_listed_with_their_lengths_and_are_not_readable_before_commit()
    {
        var blob = NewBlobName();
        await _store.StageBlockAsync(blob, 1, Bytes(300, 1), CancellationToken.None);
        await _store.StageBlockAsync(blob, 0, Bytes(4096, 2), CancellationToken.None);

        var staged = await _store.ListStagedBlocksAsync(blob, CancellationToken.None);

        Assert.That(staged, Is.EqualTo(new[] { new StagedBlock(0, 4096), new StagedBlock(1, 300) }));
        Assert.That(await _store.GetSizeAsync(blob, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Staged_blocks_survive_a_new_store_instance()
    {
        var blob = NewBlobName();
        await _store.StageBlockAsync(blob, 0, Bytes(2048, 7), CancellationToken.None);

        var reopened = OpenStore();

        Assert.That(await reopened.ListStagedBlocksAsync(blob, CancellationToken.None), Is.EqualTo(new[] { new StagedBlock(0, 2048) }));
        await reopened.CommitBlocksAsync(blob, 1, CancellationToken.None);
        Assert.That(await ReadAllAsync(blob), Is.EqualTo(Bytes(2048, 7)));
    }

    [Test]
    public async Task Staging_a_block_again_replaces_it()
    {
        var blob = NewBlobName();
        await _store.StageBlockAsync(blob, 0, Bytes(100, 1), CancellationToken.None);
        await _store.StageBlockAsync(blob, 0, Bytes(60, 9), CancellationToken.None);

        await _store.CommitBlocksAsync(blob, 1, CancellationToken.None);

        Assert.That(await ReadAllAsync(blob), Is.EqualTo(Bytes(60, 9)));
    }

    [Test]
    public async Task Staging_an_earlier_block_again_keeps_the_blocks_after_it()
    {
        var blob = NewBlobName();
        await _store.StageBlockAsync(blob, 0, Bytes(300, 1), CancellationToken.None);
        await _store.StageBlockAsync(blob, 1, Bytes(300, 2), CancellationToken.None);
        await _store.StageBlockAsync(blob, 2, Bytes(300, 3), CancellationToken.None);
        await _store.StageBlockAsync(blob, 1, Bytes(120, 9), CancellationToken.None);

        await _store.CommitBlocksAsync(blob, 3, CancellationToken.None);

        Assert.That(await ReadAllAsync(blob), Is.EqualTo(Bytes(300, 1).Concat(Bytes(120, 9)).Concat(Bytes(300, 3)).ToArray()));
    }

    [Test]
    public async Task Committing_fewer_blocks_than_were_staged_leaves_the_rest_out()
    {
        var blob = NewBlobName();
        await _store.StageBlockAsync(blob, 0, Bytes(500, 1), CancellationToken.None);
        await _store.StageBlockAsync(blob, 1, Bytes(500, 2), CancellationToken.None);

        await _store.CommitBlocksAsync(blob, 1, CancellationToken.None);

        Assert.That(await ReadAllAsync(blob), Is.EqualTo(Bytes(500, 1)));
    }

    [Test]
    public async Task Commit_with_a_missing_block_is_refused_and_keeps_what_was_staged()
    {
        var blob = NewBlobName();
        await _store.StageBlockAsync(blob, 0, Bytes(10, 1), CancellationToken.None);
        await _store.StageBlockAsync(blob, 2, Bytes(10, 3), CancellationToken.None);

        Assert.That(() => _store.CommitBlocksAsync(blob, 3, CancellationToken.None), Throws.InvalidOperationException);

        Assert.That(await _store.GetSizeAsync(blob, CancellationToken.None), Is.Null);
        Assert.That((await _store.ListStagedBlocksAsync(blob, CancellationToken.None)).Select(block => block.Index), Is.EqualTo(new[] { 0, 2 }));
    }

    [TestCase(0, null, 0, 1000)]
    [TestCase(0, 10L, 0, 10)]
    [TestCase(995, null, 995, 5)]
    [TestCase(400, 350L, 400, 350)]
    [TestCase(1000, null, 1000, 0)]
    public async Task Ranged_read_returns_exactly_the_requested_bytes(long offset, long? length, int expectedStart, int expectedLength)
    {
        var blob = NewBlobName();
        var content = Bytes(1000, 5);
        await _store.StageBlockAsync(blob, 0, content, CancellationToken.None);
        await _store.CommitBlocksAsync(blob, 1, CancellationToken.None);

        await using var stream = await _store.OpenReadAsync(blob, offset, length, CancellationToken.None);
        using var read = new MemoryStream();
        await stream.CopyToAsync(read);

        Assert.That(read.ToArray(), Is.EqualTo(content.AsSpan(expectedStart, expectedLength).ToArray()));
    }

    [Test]
    public async Task Reading_past_the_end_is_refused()
    {
        var blob = await CommittedBlobAsync(Bytes(100, 1));

        Assert.That(() => _store.OpenReadAsync(blob, 101, null, CancellationToken.None), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task A_large_blob_streams_through_without_changing_a_byte()
    {
        var blob = NewBlobName();
        const int blockSize = 4 * 1024 * 1024;
        using var sourceHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var index = 0; index < 6; index++)
        {
            var block = RandomNumberGenerator.GetBytes(index == 5 ? 12345 : blockSize);
            sourceHash.AppendData(block);
            await _store.StageBlockAsync(blob, index, block, CancellationToken.None);
        }
        await _store.CommitBlocksAsync(blob, 6, CancellationToken.None);

        await using var stored = await _store.OpenReadAsync(blob, 0, null, CancellationToken.None);

        Assert.That(await SHA256.HashDataAsync(stored), Is.EqualTo(sourceHash.GetHashAndReset()));
        Assert.That(await _store.GetSizeAsync(blob, CancellationToken.None), Is.EqualTo((5L * blockSize) + 12345));
    }

    [Test]
    public async Task A_committed_blob_opens_as_a_local_file_with_its_content()
    {
        var content = Bytes(70_000, 7);
        var blob = await CommittedBlobAsync(content);

        string path;
        using (var local = await _store.OpenLocalFileAsync(blob, CancellationToken.None))
        {
            path = local.Path;
            Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(content));
        }

        Assert.That(await _store.GetSizeAsync(blob, CancellationToken.None), Is.EqualTo(content.Length), "the blob outlives its local file");
        await using var stored = await _store.OpenReadAsync(blob, 0, null, CancellationToken.None);
        Assert.That(await SHA256.HashDataAsync(stored), Is.EqualTo(SHA256.HashData(content)));
    }

    [Test]
    public async Task Discarding_staged_blocks_leaves_nothing_behind()
    {
        var blob = NewBlobName();
        await _store.StageBlockAsync(blob, 0, Bytes(10, 1), CancellationToken.None);

        await _store.DiscardStagedBlocksAsync(blob, CancellationToken.None);

        Assert.That(await _store.ListStagedBlocksAsync(blob, CancellationToken.None), Is.Empty);
        Assert.That(await _store.GetSizeAsync(blob, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Discarding_never_touches_committed_content()
    {
        var content = Bytes(512, 4);
        var blob = await CommittedBlobAsync(content);

        await _store.DiscardStagedBlocksAsync(blob, CancellationToken.None);

        Assert.That(await ReadAllAsync(blob), Is.EqualTo(content));
    }

    [Test]
    public async Task Delete_removes_the_blob_and_reports_whether_there_was_one()
    {
        var blob = await CommittedBlobAsync(Bytes(64, 2));

        Assert.That(await _store.DeleteAsync(blob, CancellationToken.None), Is.True);
        Assert.That(await _store.GetSizeAsync(blob, CancellationToken.None), Is.Null);
        Assert.That(await _store.DeleteAsync(blob, CancellationToken.None), Is.False);
    }

    [Test]
    public async Task Blobs_of_nested_names_are_independent()
    {
        var parent = NewBlobName();
        var child = parent + "/part";
        await _store.StageBlockAsync(parent, 0, Bytes(10, 1), CancellationToken.None);
        await _store.StageBlockAsync(child, 0, Bytes(20, 2), CancellationToken.None);

        await _store.DiscardStagedBlocksAsync(parent, CancellationToken.None);

        Assert.That(await _store.ListStagedBlocksAsync(child, CancellationToken.None), Is.EqualTo(new[] { new StagedBlock(0, 20) }));
    }

    [TestCase("../outside")]
    [TestCase("evidence/../../outside")]
    [TestCase("/absolute")]
    [TestCase("evidence//double")]
    [TestCase("evidence/with space")]
    public void Names_that_could_leave_the_store_are_refused(string blobName) =>
        Assert.That(() => _store.StageBlockAsync(blobName, 0, Bytes(1, 1), CancellationToken.None), Throws.ArgumentException);

    [Test]
    public void The_store_reports_ready() =>
        Assert.That(() => _store.CheckReadyAsync(CancellationToken.None), Throws.Nothing);

    private IBlobStore OpenStore() => provider == StorageProvider.AzureBlob
        ? new AzureBlobStore(new BlobContainerClient(LocalServices.Azurite, _location))
        : new FileSystemBlobStore(_location);

    private static string NewBlobName() => "evidence/" + Guid.NewGuid().ToString("N");

    private static byte[] Bytes(int length, byte seed) =>
        [.. Enumerable.Range(0, length).Select(i => (byte)((i * 31) + seed))];

    private async Task<string> CommittedBlobAsync(byte[] content)
    {
        var blob = NewBlobName();
        await _store.StageBlockAsync(blob, 0, content, CancellationToken.None);
        await _store.CommitBlocksAsync(blob, 1, CancellationToken.None);
        return blob;
    }

    private async Task<byte[]> ReadAllAsync(string blob)
    {
        await using var stream = await _store.OpenReadAsync(blob, 0, null, CancellationToken.None);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
