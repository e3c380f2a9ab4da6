using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Cli.Verify;

/// <summary>Leaf hashes kept back to back, 32 bytes per entry (320 MB for 10 million), to bisect a bad log.</summary>
internal sealed class LeafHashes
{
    private byte[] _hashes = new byte[MerkleHash.Size * 1024];

    public long Count { get; private set; }

    public void Add(byte[] leafHash)
    {
        if ((Count + 1) * MerkleHash.Size > _hashes.Length)
        {
            Array.Resize(ref _hashes, _hashes.Length * 2);
        }
        leafHash.CopyTo(_hashes, Count * MerkleHash.Size);
        Count++;
    }

    public byte[] RootOfFirst(long size)
    {
        var tree = new CompactRange();
        for (long i = 0; i < size; i++)
        {
            tree.Append(_hashes.AsSpan((int)(i * MerkleHash.Size), MerkleHash.Size).ToArray());
        }
        return tree.RootHash();
    }
}
