using BenchmarkDotNet.Attributes;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Infrastructure.Storage;

namespace BodyCam.Evidence.Benchmarks;

/// <summary>
/// The verify job's read-back hash of a 1 GiB blob in the filesystem store, to set against
/// `openssl dgst -sha256` on the same file (BENCH_FILE prints its path). Run: dotnet run -c Release --project
/// tests/BodyCam.Evidence.Benchmarks -- --filter '*VerifyHash*' --job short
/// </summary>
[MemoryDiagnoser]
public class VerifyHashBenchmarks
{
    private const string BlobName = "evidence/benchmark";
    private const int BlockSize = 64 * 1024 * 1024;
    private const int Blocks = 16;

    private string _root = "";
    private FileSystemBlobStore _store = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _root = Directory.CreateTempSubdirectory("bodycam-bench-verify-").FullName;
        _store = new FileSystemBlobStore(_root);
        var block = new byte[BlockSize];
        for (var index = 0; index < Blocks; index++)
        {
            Random.Shared.NextBytes(block);
            await _store.StageBlockAsync(BlobName, index, block, CancellationToken.None);
        }
        await _store.CommitBlocksAsync(BlobName, Blocks, CancellationToken.None);
        Console.WriteLine($"BENCH_FILE {Path.Combine(_root, "blobs", BlobName)}");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public Task<string> HashStoredBlob() => VerifyEvidenceHashJob.HashStoredBlobAsync(_store, BlobName, CancellationToken.None);
}
