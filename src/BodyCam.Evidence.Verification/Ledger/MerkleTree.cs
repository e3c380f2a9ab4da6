namespace BodyCam.Evidence.Verification.Ledger;

/// <summary>
/// The Merkle tree algorithms of RFC 9162 §2.1 over a list of leaf hashes: the tree head, inclusion and
/// consistency proofs, and their verification. The proofs follow the recursive definitions (<see cref="ProofPlan"/>)
/// and are checked by the iterative verification algorithms of the RFC, so each side checks the other.
/// </summary>
public static class MerkleTree
{
    /// <summary>MTH(D[n]), §2.1.1.</summary>
    public static byte[] RootHash(IReadOnlyList<byte[]> leafHashes) => Root(leafHashes, 0, leafHashes.Count);

    /// <summary>PATH(m, D[n]), §2.1.3.1, for the tree of all <paramref name="leafHashes"/>.</summary>
    public static List<byte[]> InclusionProof(IReadOnlyList<byte[]> leafHashes, int index) =>
        [.. ProofPlan.Inclusion(index, leafHashes.Count).Select(range => Root(leafHashes, (int)range.Start, (int)range.End))];

    /// <summary>PROOF(m, D[n]), §2.1.4.1: that the tree of the first <paramref name="oldSize"/> leaves is a prefix of the whole.</summary>
    public static List<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leafHashes, int oldSize) =>
        [.. ProofPlan.Consistency(oldSize, leafHashes.Count).Select(range => Root(leafHashes, (int)range.Start, (int)range.End))];

    /// <summary>§2.1.3.2.</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long treeSize, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> rootHash)
    {
        // Otherwise a one-leaf tree would "prove" any byte string, say an empty one, against itself as the root.
        if (index < 0 || index >= treeSize || leafHash.Length != MerkleHash.Size)
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

    /// <summary>
    /// §2.1.4.2, with the cases the RFC leaves out: an empty old tree, consistent with every tree by an empty proof
    /// when its head is the empty tree's (§2.1.1), and an unchanged one, whose heads must be equal.
    /// </summary>
    public static bool VerifyConsistency(
        long oldSize, long newSize, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> oldRootHash, ReadOnlySpan<byte> newRootHash)
    {
        if (oldSize < 0 || oldSize > newSize)
        {
            return false;
        }
        if (oldSize == 0 && !oldRootHash.SequenceEqual(MerkleHash.EmptyTree()))
        {
            return false;
        }
        if (oldSize == 0 || oldSize == newSize)
        {
            return proof.Count == 0 && (oldSize < newSize || oldRootHash.SequenceEqual(newRootHash));
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
        var size => MerkleHash.Node(Root(leaves, start, start + (int)ProofPlan.Split(size)), Root(leaves, start + (int)ProofPlan.Split(size), end)),
    };

    private static bool IsPowerOfTwo(long value) => (value & (value - 1)) == 0;
}
