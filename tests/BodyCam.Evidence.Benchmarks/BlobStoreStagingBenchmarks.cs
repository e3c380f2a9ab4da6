using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BodyCam.Evidence.Infrastructure.Storage;

namespace BodyCam.Evidence.Benchmarks;

/// <summary>
/// Staging throughput of the filesystem store, hashed as ingestion hashes: 64 MiB in blocks of the given size,
/// each block SHA-256'd and durably staged, then committed. Run: dotnet run -c Release --project
/// tests/BodyCam.Evidence.Benchmarks -- --filter '*BlobStoreStaging*'
/// </summary>
[MemoryDiagnoser]
public class BlobStoreStagingBenchmarks
{
    private const int TotalBytes = 64 * 1024 * 1024;

    private byte[] _block = [];
    private string _root = "";
    private FileSystemBlobStore _store = null!;

    [Params(1 * 1024 * 1024, 8 * 1024 * 1024)]
    public int BlockSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _block = RandomNumberGenerator.GetBytes(BlockSize);
        _root = Directory.CreateTempSubdirectory("bodycam-bench-").FullName;
        _store = new FileSystemBlobStore(_root);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public async Task<byte[]> StageHashAndCommit()
    {
        var blobName = "bench/" + Guid.NewGuid().ToString("N");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var blocks = TotalBytes / BlockSize;
        for (var index = 0; index < blocks; index++)
        {
            sha.AppendData(_block);
            await _store.StageBlockAsync(blobName, index, _block, CancellationToken.None);
        }
        await _store.CommitBlocksAsync(blobName, blocks, CancellationToken.None);
        await _store.DeleteAsync(blobName, CancellationToken.None);
        return sha.GetHashAndReset();
    }
}
