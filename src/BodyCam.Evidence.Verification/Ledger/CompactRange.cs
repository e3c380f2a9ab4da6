namespace BodyCam.Evidence.Verification.Ledger;

/// <summary>
/// A log's right edge: the hashes of the complete subtrees of its first <see cref="Size"/> leaves, largest
/// first. Enough to append leaves and to compute the tree head without the leaves themselves, so a log of any
/// length is recomputed in O(log n) memory. Appending merges the leaf with the edge like a binary counter;
/// each merge completes a subtree.
/// </summary>
public sealed class CompactRange
{
    private readonly List<(int Level, byte[] Hash)> _edge;

    public CompactRange()
        : this(0, [])
    {
    }

    /// <param name="size">Leaves so far.</param>
    /// <param name="edgeHashes">The hashes of <c>new TreeRange(0, size).CompleteSubtrees()</c>, in that order.</param>
    public CompactRange(long size, IReadOnlyList<byte[]> edgeHashes)
    {
        var levels = new TreeRange(0, size).CompleteSubtrees();
        if (levels.Count != edgeHashes.Count)
        {
            throw new ArgumentException($"A log of {size} leaves has {levels.Count} complete subtrees on its edge, not {edgeHashes.Count}.", nameof(edgeHashes));
        }
        Size = size;
        _edge = [.. levels.Select((subtree, i) => (subtree.Level, edgeHashes[i]))];
    }

    public long Size { get; private set; }

    /// <summary>The hashes the constructor takes: the edge's complete subtrees, largest first.</summary>
    public IReadOnlyList<byte[]> EdgeHashes => [.. _edge.Select(subtree => subtree.Hash)];

    /// <summary>Appends a leaf hash; returns the subtrees it completes, lowest first, as (level, index, hash).</summary>
    public IReadOnlyList<(int Level, long Index, byte[] Hash)> Append(byte[] leafHash)
    {
        var sequence = Size++;
        var completed = new List<(int, long, byte[])>();
        var (level, hash) = (0, leafHash);
        while (_edge.Count > 0 && _edge[^1].Level == level)
        {
            hash = MerkleHash.Node(_edge[^1].Hash, hash);
            _edge.RemoveAt(_edge.Count - 1);
            level++;
            completed.Add((level, sequence >> level, hash));
        }
        _edge.Add((level, hash));
        return completed;
    }

    /// <summary>MTH of the leaves so far.</summary>
    public byte[] RootHash() => TreeRange.Fold([.. _edge.Select(subtree => subtree.Hash)]);
}
