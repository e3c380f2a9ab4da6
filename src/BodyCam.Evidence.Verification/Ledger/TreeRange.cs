namespace BodyCam.Evidence.Verification.Ledger;

/// <summary>
/// The leaves <see cref="Start"/>..<see cref="End"/>-1 of a log, whose tree hash a proof or a tree head needs.
/// Every range the RFC 9162 definitions produce starts at a multiple of a power of two at least as large as
/// itself, which is what lets it be built from stored complete subtrees.
/// </summary>
public readonly record struct TreeRange(long Start, long End)
{
    public long Size => End - Start;

    /// <summary>
    /// The complete subtrees that make up the range, left to right and largest first, as (level, index): the
    /// subtree of level L and index i holds leaves i·2^L..(i+1)·2^L-1. The range's tree hash is theirs folded
    /// from the right: node(first, node(second, …)).
    /// </summary>
    public IReadOnlyList<(int Level, long Index)> CompleteSubtrees()
    {
        var subtrees = new List<(int, long)>();
        for (var start = Start; start < End;)
        {
            var level = 63 - (int)long.LeadingZeroCount(End - start);
            if (start != 0)
            {
                level = Math.Min(level, (int)long.TrailingZeroCount(start));
            }
            subtrees.Add((level, start >> level));
            start += 1L << level;
        }
        return subtrees;
    }

    /// <summary>The tree hash of a range from the hashes of its <see cref="CompleteSubtrees"/>, in the same order.</summary>
    public static byte[] Fold(IReadOnlyList<byte[]> completeSubtreeHashes)
    {
        if (completeSubtreeHashes.Count == 0)
        {
            return MerkleHash.EmptyTree();
        }
        var hash = completeSubtreeHashes[^1];
        for (var i = completeSubtreeHashes.Count - 2; i >= 0; i--)
        {
            hash = MerkleHash.Node(completeSubtreeHashes[i], hash);
        }
        return hash;
    }
}
