using BodyCam.Evidence.Infrastructure.Storage;

namespace BodyCam.Evidence.Tests.Contracts;

/// <summary>What only the filesystem store can be made to show: the state a crash in the middle of staging leaves.</summary>
public sealed class FileSystemBlobStoreTests
{
    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("bodycam-fs-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task Bytes_of_a_block_whose_staging_never_finished_are_neither_listed_nor_committed()
    {
        var store = new FileSystemBlobStore(_root);
        await store.StageBlockAsync("evidence/a", 0, new byte[] { 1, 2, 3 }, CancellationToken.None);
        // A crash after the block's bytes reached the staging file but before its marker was written.
        await using (var appended = new FileStream(Path.Combine(_root, "staging", "evidence%2Fa", "appended"), FileMode.Append))
        {
            await appended.WriteAsync(new byte[] { 9, 9, 9, 9 });
        }

        var staged = await store.ListStagedBlocksAsync("evidence/a", CancellationToken.None);
        await store.CommitBlocksAsync("evidence/a", 1, CancellationToken.None);

        Assert.That(staged, Is.EqualTo(new[] { new StagedBlock(0, 3) }));
        Assert.That(await File.ReadAllBytesAsync(Path.Combine(_root, "blobs", "evidence", "a")), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public async Task A_block_staged_again_after_an_unfinished_staging_replaces_its_bytes()
    {
        var store = new FileSystemBlobStore(_root);
        await store.StageBlockAsync("evidence/b", 0, new byte[] { 1, 2, 3 }, CancellationToken.None);
        await using (var appended = new FileStream(Path.Combine(_root, "staging", "evidence%2Fb", "appended"), FileMode.Append))
        {
            await appended.WriteAsync(new byte[] { 9, 9, 9, 9, 9, 9 });
        }

        await store.StageBlockAsync("evidence/b", 1, new byte[] { 4, 5 }, CancellationToken.None);
        await store.CommitBlocksAsync("evidence/b", 2, CancellationToken.None);

        Assert.That(await File.ReadAllBytesAsync(Path.Combine(_root, "blobs", "evidence", "b")), Is.EqualTo(new byte[] { 1, 2, 3, 4, 5 }));
    }

    [Test]
    public async Task A_blob_committed_into_new_folders_is_readable_and_leaves_no_staging_behind()
    {
        var store = new FileSystemBlobStore(_root);
        await store.StageBlockAsync("evidence/2026/11/c", 0, new byte[] { 1, 2 }, CancellationToken.None);
        await store.StageBlockAsync("evidence/2026/11/c", 1, new byte[] { 3 }, CancellationToken.None);

        await store.CommitBlocksAsync("evidence/2026/11/c", 2, CancellationToken.None);

        Assert.That(await File.ReadAllBytesAsync(Path.Combine(_root, "blobs", "evidence", "2026", "11", "c")), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(Directory.EnumerateFileSystemEntries(Path.Combine(_root, "staging")), Is.Empty);
    }

    [Test]
    public void Flushing_a_folder_that_cannot_be_opened_fails_instead_of_passing_silently()
    {
        var missing = Path.Combine(_root, "missing");

        Assert.That(() => DirectoryEntries.Flush(missing), Throws.InstanceOf<IOException>().With.Message.Contains(missing));
    }
}
