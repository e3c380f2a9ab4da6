namespace BodyCam.Evidence.Verification.Ledger;

/// <summary>
/// The Merkle tree algorithms of RFC 9162 §2.1 over a list of leaf hashes: the tree head, inclusion and
/// consistency proofs, and their verification. The proofs are built by the recursive definitions and checked
/// by the iterative verification algorithms of the RFC, so each side checks the other.
/// </summary>
public static class MerkleTree
{
    /// <summary>MTH(D[n]), §2.1.1.</summary>
    public static byte[] RootHash(IReadOnlyList<byte[]> leafHashes) => Root(leafHashes, 0, leafHashes.Count);

    /// <summary>PATH(m, D[n]), §2.1.3.1, for the tree of all <paramref name="leafHashes"/>.</summary>
    public static List<byte[]> InclusionProof(IReadOnlyList<byte[]> leafHashes, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leafHashes.Count);
        var proof = new List<byte[]>();
        Path(leafHashes, index, 0, leafHashes.Count, proof);
        return proof;
    }

    /// <summary>PROOF(m, D[n]), §2.1.4.1: that the tree of the first <paramref name="oldSize"/> leaves is a prefix of the whole.</summary>
    public static List<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leafHashes, int oldSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, leafHashes.Count);
        var proof = new List<byte[]>();
        if (oldSize > 0 && oldSize < leafHashes.Count)
        {
            SubProof(leafHashes, oldSize, 0, leafHashes.Count, startsAtRoot: true, proof);
        }
        return proof;
    }

    /// <summary>§2.1.3.2.</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long treeSize, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> rootHash)
    {
        if (index < 0 || index >= treeSize)
        {
            return false;
        }
        var (fn, sn) = (index, treeSize - 1);
        var result = leafHash.ToArray();
        foreach (var sibling in proof)
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                result = MerkleHash.Node(sibling, result);
                while ((fn & 1) == 0 && fn != 0)
                {
                    (fn, sn) = (fn >> 1, sn >> 1);
                }
            }
            else
            {
                result = MerkleHash.Node(result, sibling);
            }
            (fn, sn) = (fn >> 1, sn >> 1);
        }
        return sn == 0 && result.AsSpan().SequenceEqual(rootHash);
    }

    /// <summary>§2.1.4.2, with the cases the RFC leaves out: an empty old tree, and an unchanged one.</summary>
    public static bool VerifyConsistency(
        long oldSize, long newSize, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> oldRootHash, ReadOnlySpan<byte> newRootHash)
    {
        if (oldSize < 0 || oldSize > newSize)
        {
            return false;
        }
        if (oldSize == 0 || oldSize == newSize)
        {
            return proof.Count == 0 && (oldSize == 0 || oldRootHash.SequenceEqual(newRootHash));
        }
        if (proof.Count == 0)
        {
            return false;
        }

        var path = IsPowerOfTwo(oldSize) ? [oldRootHash.ToArray(), .. proof] : proof.ToList();
        var (fn, sn) = (oldSize - 1, newSize - 1);
        while ((fn & 1) == 1)
        {
            (fn, sn) = (fn >> 1, sn >> 1);
        }
        var (oldResult, newResult) = (path[0], path[0]);
        foreach (var node in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                (oldResult, newResult) = (MerkleHash.Node(node, oldResult), MerkleHash.Node(node, newResult));
                while ((fn & 1) == 0 && fn != 0)
                {
                    (fn, sn) = (fn >> 1, sn >> 1);
                }
            }
            else
            {
                newResult = MerkleHash.Node(newResult, node);
            }
            (fn, sn) = (fn >> 1, sn >> 1);
        }
        return sn == 0 && oldResult.AsSpan().SequenceEqual(oldRootHash) && newResult.AsSpan().SequenceEqual(newRootHash);
    }

    private static byte[] Root(IReadOnlyList<byte[]> leaves, int start, int end) => (end - start) switch
    {
        0 => MerkleHash.EmptyTree(),
        1 => leaves[start],
        var size => MerkleHash.Node(Root(leaves, start, start + Split(size)), Root(leaves, start + Split(size), end)),
    };

    private static void Path(IReadOnlyList<byte[]> leaves, int index, int start, int end, List<byte[]> proof)
    {
        if (end - start <= 1)
        {
            return;
        }
        var middle = start + Split(end - start);
        if (index < middle)
        {
            Path(leaves, index, start, middle, proof);
            proof.Add(Root(leaves, middle, end));
        }
        else
        {
            Path(leaves, index, middle, end, proof);
            proof.Add(Root(leaves, start, middle));
        }
    }

    private static void SubProof(IReadOnlyList<byte[]> leaves, int oldSize, int start, int end, bool startsAtRoot, List<byte[]> proof)
    {
        if (start + oldSize == end)
        {
            if (!startsAtRoot)
            {
                proof.Add(Root(leaves, start, end));
            }
            return;
        }
        var split = Split(end - start);
        if (oldSize <= split)
        {
            SubProof(leaves, oldSize, start, start + split, startsAtRoot, proof);
            proof.Add(Root(leaves, start + split, end));
        }
        else
        {
            SubProof(leaves, oldSize - split, start + split, end, startsAtRoot: false, proof);
            proof.Add(Root(leaves, start, start + split));
        }
    }

    /// <summary>The largest power of two smaller than <paramref name="size"/> (size ≥ 2), where §2.1.1 splits a tree.</summary>
    private static int Split(int size) => 1 << (31 - int.LeadingZeroCount(size - 1));

    private static bool IsPowerOfTwo(long value) => (value & (value - 1)) == 0;
}
