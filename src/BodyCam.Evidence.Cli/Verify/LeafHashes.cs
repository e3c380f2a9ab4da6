using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Cli.Verify;

/// <summary>Leaf hashes kept back to back in chunks, 32 bytes per entry (320 MB for 10 million), to bisect a bad log.</summary>
internal sealed class LeafHashes
{
    private const int LeavesPerChunk = 1 << 20;

    private readonly List<byte[]> _chunks = [];

    public long Count { get; private set; }

    public void Add(byte[] leafHash)
    {
        var offset = (int)(Count % LeavesPerChunk);
        if (offset == 0)
        {
            _chunks.Add(new byte[LeavesPerChunk * MerkleHash.Size]);
        }
        leafHash.CopyTo(_chunks[^1], offset * MerkleHash.Size);
        Count++;
    }

    public byte[] RootOfFirst(long size)
    {
        var tree = new CompactRange();
        for (long i = 0; i < size; i++)
        {
            var offset = (int)(i % LeavesPerChunk) * MerkleHash.Size;
            tree.Append(_chunks[(int)(i / LeavesPerChunk)].AsSpan(offset, MerkleHash.Size).ToArray());
        }
        return tree.RootHash();
    }
}
