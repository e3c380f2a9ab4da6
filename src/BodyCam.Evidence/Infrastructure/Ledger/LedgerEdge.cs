using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Infrastructure.Ledger;

/// <summary>
/// The right edge of the log: its complete subtrees, largest first. Appending a leaf merges it with the edge
/// as in a binary counter; every merge completes a subtree that is then stored.
/// </summary>
internal sealed class LedgerEdge(IEnumerable<(int Level, byte[] Hash)> subtrees)
{
    private readonly List<(int Level, byte[] Hash)> _subtrees = [.. subtrees];

    public static async Task<LedgerEdge> ReadAsync(Persistence.EvidenceDb db, long treeSize, CancellationToken cancellationToken)
    {
        var subtrees = new TreeRange(0, treeSize).CompleteSubtrees();
        var hashes = await db.SubtreeHashesAsync(subtrees, cancellationToken);
        return new LedgerEdge(subtrees.Select(subtree => (subtree.Level, hashes[subtree])));
    }

    /// <summary>The nodes that the leaf at <paramref name="sequence"/> completes, lowest first.</summary>
    public List<LedgerNode> Append(long sequence, byte[] leafHash)
    {
        var completed = new List<LedgerNode>();
        var (level, hash) = (0, leafHash);
        while (_subtrees.Count > 0 && _subtrees[^1].Level == level)
        {
            hash = MerkleHash.Node(_subtrees[^1].Hash, hash);
            _subtrees.RemoveAt(_subtrees.Count - 1);
            level++;
            completed.Add(new LedgerNode { Level = level, Index = sequence >> level, Hash = hash });
        }
        _subtrees.Add((level, hash));
        return completed;
    }
}
