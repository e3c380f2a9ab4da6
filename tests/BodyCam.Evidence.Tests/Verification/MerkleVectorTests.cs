using System.Globalization;
using System.Text;
using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Tests.Verification;

/// <summary>
/// The RFC 6962/9162 reference tree of eight leaves, its node hashes and tree heads, and the inclusion and
/// consistency proofs published for it by transparency-dev/merkle, with the corruptions a verifier must refuse.
/// </summary>
public sealed class MerkleVectorTests
{
    private static readonly byte[][] Leaves =
    [
        .. new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }
            .Select(hex => MerkleHash.Leaf(Convert.FromHexString(hex))),
    ];

    /// <summary>[level][index]: the complete subtree of leaves index·2^level..(index+1)·2^level-1.</summary>
    private static readonly string[][] NodeHashes =
    [
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
        ],
        [
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        ],
        [
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
        [
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ],
    ];

    /// <summary>The tree head of the first n leaves, for n = 0..8.</summary>
    private static readonly string[] Roots =
    [
        EmptyTreeRoot,
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private const string EmptyTreeRoot = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>A well-formed hash that is no node of the reference tree.</summary>
    private const string SomeHash = "abacaba000000000000000000000000000000000000000000060061e00123456";

    private static readonly (long Index, long TreeSize, string[] Proof)[] InclusionProofs =
    [
        (0, 1, []),
        (0, 8, [NodeHashes[0][1], NodeHashes[1][1], NodeHashes[2][1]]),
        (5, 8, [NodeHashes[0][4], NodeHashes[1][3], NodeHashes[2][0]]),
        (2, 3, [NodeHashes[1][0]]),
        (1, 5, [NodeHashes[0][0], NodeHashes[1][1], NodeHashes[0][4]]),
    ];

    private static readonly (long OldSize, long NewSize, string[] Proof)[] ConsistencyProofs =
    [
        (1, 1, []),
        (1, 8, [NodeHashes[0][1], NodeHashes[1][1], NodeHashes[2][1]]),
        (6, 8, [NodeHashes[1][2], NodeHashes[1][3], NodeHashes[2][0]]),
        (2, 5, [NodeHashes[1][1], NodeHashes[0][4]]),
        (6, 7, [NodeHashes[1][2], NodeHashes[0][6], NodeHashes[2][0]]),
    ];

    [Test]
    public void Tree_heads_of_every_size_match_the_reference_vectors()
    {
        var heads = Enumerable.Range(0, 9).Select(size => Convert.ToHexStringLower(MerkleTree.RootHash(Leaves[..size])));

        Assert.That(heads, Is.EqualTo(Roots));
    }

    [Test]
    public void Every_complete_subtree_hashes_to_its_reference_node_hash()
    {
        var nodes = NodeHashes.Select((level, height) => level.Select((_, index) =>
            Convert.ToHexStringLower(MerkleTree.RootHash(Leaves[(index << height)..((index + 1) << height)]))));

        Assert.That(nodes, Is.EqualTo(NodeHashes));
    }

    [Test]
    public void The_complete_subtrees_of_every_reference_tree_fold_to_its_head()
    {
        for (var size = 0; size <= 8; size++)
        {
            var subtrees = new TreeRange(0, size).CompleteSubtrees();
            var hashes = subtrees.Select(subtree => Convert.FromHexString(NodeHashes[subtree.Level][subtree.Index])).ToList();

            Assert.That(Convert.ToHexStringLower(TreeRange.Fold(hashes)), Is.EqualTo(Roots[size]), $"size {size}");
        }
    }

    private static IEnumerable<TestCaseData> ReferenceInclusionProofs() =>
        InclusionProofs.Select(vector => new TestCaseData(vector.Index, vector.TreeSize, vector.Proof)
            .SetArgDisplayNames($"leaf {vector.Index} of {vector.TreeSize}"));

    [TestCaseSource(nameof(ReferenceInclusionProofs))]
    public void Inclusion_proofs_are_the_reference_paths_and_verify(long index, long treeSize, string[] expected)
    {
        var proof = MerkleTree.InclusionProof(Leaves[..(int)treeSize], (int)index);

        Assert.That(proof.Select(Convert.ToHexStringLower), Is.EqualTo(expected));
        Assert.That(MerkleTree.VerifyInclusion(Leaves[index], index, treeSize, Hashes(expected), Root(treeSize)), Is.True);
    }

    private static IEnumerable<TestCaseData> ReferenceConsistencyProofs() =>
        ConsistencyProofs.Select(vector => new TestCaseData(vector.OldSize, vector.NewSize, vector.Proof)
            .SetArgDisplayNames($"{vector.OldSize} to {vector.NewSize}"));

    [TestCaseSource(nameof(ReferenceConsistencyProofs))]
    public void Consistency_proofs_are_the_reference_proofs_and_verify(long oldSize, long newSize, string[] expected)
    {
        var proof = MerkleTree.ConsistencyProof(Leaves[..(int)newSize], (int)oldSize);

        Assert.That(proof.Select(Convert.ToHexStringLower), Is.EqualTo(expected));
        Assert.That(MerkleTree.VerifyConsistency(oldSize, newSize, Hashes(expected), Root(oldSize), Root(newSize)), Is.True);
    }

    [Test]
    public void Every_leaf_of_every_tree_size_has_an_inclusion_proof_that_verifies()
    {
        for (var size = 1; size <= 8; size++)
        {
            for (var index = 0; index < size; index++)
            {
                var proof = MerkleTree.InclusionProof(Leaves[..size], index);
                Assert.That(MerkleTree.VerifyInclusion(Leaves[index], index, size, proof, Root(size)), Is.True, $"leaf {index} of {size}");
            }
        }
    }

    [Test]
    public void Every_older_tree_head_is_proved_consistent_with_every_newer_one()
    {
        for (var newSize = 1; newSize <= 8; newSize++)
        {
            for (var oldSize = 0; oldSize <= newSize; oldSize++)
            {
                var proof = MerkleTree.ConsistencyProof(Leaves[..newSize], oldSize);
                Assert.That(MerkleTree.VerifyConsistency(oldSize, newSize, proof, Root(oldSize), Root(newSize)), Is.True, $"{oldSize} → {newSize}");
            }
        }
    }

    private static IEnumerable<TestCaseData> CorruptedInclusionProofs()
    {
        foreach (var (index, treeSize, hexProof) in InclusionProofs)
        {
            var (leaf, proof, root) = (Leaves[index], Hashes(hexProof), Root(treeSize));
            var changes = new List<(string, byte[], long, long, List<byte[]>, byte[])>
            {
                ("index − 1", leaf, index - 1, treeSize, proof, root),
                ("index + 1", leaf, index + 1, treeSize, proof, root),
                ("index ^ 2", leaf, index ^ 2, treeSize, proof, root),
                ("size × 2", leaf, index, treeSize * 2, proof, root),
                ("size ÷ 2", leaf, index, treeSize / 2, proof, root),
                ("wrong leaf", Encoding.ASCII.GetBytes("WrongLeaf"), index, treeSize, proof, root),
                ("neighbouring leaf", Leaves[index ^ 1], index, treeSize, proof, root),
                ("empty tree root", leaf, index, treeSize, proof, Convert.FromHexString(EmptyTreeRoot)),
                ("some other root", leaf, index, treeSize, proof, Convert.FromHexString(SomeHash)),
                ("trailing empty element", leaf, index, treeSize, [.. proof, []], root),
                ("trailing root", leaf, index, treeSize, [.. proof, root], root),
                ("leading empty element", leaf, index, treeSize, [[], .. proof], root),
                ("leading root", leaf, index, treeSize, [root, .. proof], root),
            };
            for (var element = 0; element < proof.Count; element++)
            {
                changes.Add(($"proof[{element}] bit 3 flipped", leaf, index, treeSize, WithBitFlipped(proof, element, 3), root));
            }
            if (proof.Count > 0)
            {
                changes.Add(("last element removed", leaf, index, treeSize, proof[..^1], root));
            }
            if (proof.Count > 1)
            {
                changes.Add(("element inserted", leaf, index, treeSize, [proof[0], Convert.FromHexString(SomeHash), .. proof[1..]], root));
            }
            foreach (var (change, changedLeaf, changedIndex, changedSize, changedProof, changedRoot) in changes)
            {
                yield return new TestCaseData(changedLeaf, changedIndex, changedSize, changedProof, changedRoot)
                    .SetArgDisplayNames($"leaf {index} of {treeSize}", change);
            }
        }
    }

    [TestCaseSource(nameof(CorruptedInclusionProofs))]
    public void A_corrupted_inclusion_proof_is_refused(byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] root) =>
        Assert.That(MerkleTree.VerifyInclusion(leafHash, index, treeSize, proof, root), Is.False);

    [TestCase(0, 0)]
    [TestCase(1, 0)]
    [TestCase(1, 1)]
    [TestCase(2, 1)]
    public void No_leaf_is_included_in_an_empty_tree_or_beyond_the_tree_size(long index, long treeSize)
    {
        // Heads that an empty proof would match if the index were not checked.
        var head = treeSize == 0 ? Convert.FromHexString(EmptyTreeRoot) : Leaves[0];

        Assert.That(MerkleTree.VerifyInclusion(head, index, treeSize, [], head), Is.False);
        Assert.That(MerkleTree.VerifyInclusion(Convert.FromHexString(SomeHash), index, treeSize, [], head), Is.False);
        Assert.That(MerkleTree.VerifyInclusion([], index, treeSize, [], Convert.FromHexString(EmptyTreeRoot)), Is.False);
        Assert.That(MerkleTree.VerifyInclusion(Convert.FromHexString(SomeHash), index, treeSize, [], []), Is.False);
    }

    [TestCase("leaf", "leaf", true)]
    [TestCase("", "leaf", false)]
    [TestCase("leaf", "", false)]
    [TestCase("", "", false)]
    [TestCase("some hash", "leaf", false)]
    [TestCase("leaf", "empty tree", false)]
    public void A_one_leaf_tree_proves_only_its_leaf_and_only_a_hash_sized_one(string leaf, string root, bool verifies)
    {
        var leafHash = MerkleHash.Leaf("data"u8);
        Assert.That(Convert.ToHexStringLower(leafHash), Is.EqualTo("0d3aed023148ffd2a259fbd0cdc7fb3cf975658760d3775b82af6f90aacc2dfc"));
        byte[] Named(string name) => name switch
        {
            "leaf" => leafHash,
            "some hash" => Convert.FromHexString(SomeHash),
            "empty tree" => Convert.FromHexString(EmptyTreeRoot),
            _ => Convert.FromHexString(name),
        };

        Assert.That(MerkleTree.VerifyInclusion(Named(leaf), 0, 1, [], Named(root)), Is.EqualTo(verifies));
    }

    private static IEnumerable<TestCaseData> CorruptedConsistencyProofs()
    {
        foreach (var (oldSize, newSize, hexProof) in ConsistencyProofs.Where(vector => vector.Proof.Length > 0))
        {
            var (proof, oldRoot, newRoot) = (Hashes(hexProof), Root(oldSize), Root(newSize));
            var wrongRoot = Encoding.ASCII.GetBytes("WrongRoot");
            var changes = new List<(string, long, long, List<byte[]>, byte[], byte[])>
            {
                ("old size − 1", oldSize - 1, newSize, proof, oldRoot, newRoot),
                ("old size + 1", oldSize + 1, newSize, proof, oldRoot, newRoot),
                ("old size ^ 2", oldSize ^ 2, newSize, proof, oldRoot, newRoot),
                ("new size × 2", oldSize, newSize * 2, proof, oldRoot, newRoot),
                ("new size ÷ 2", oldSize, newSize / 2, proof, oldRoot, newRoot),
                ("wrong old root", oldSize, newSize, proof, wrongRoot, newRoot),
                ("wrong new root", oldSize, newSize, proof, oldRoot, wrongRoot),
                ("swapped roots", oldSize, newSize, proof, newRoot, oldRoot),
                ("empty proof", oldSize, newSize, [], oldRoot, newRoot),
                ("trailing empty element", oldSize, newSize, [.. proof, []], oldRoot, newRoot),
                ("trailing old root", oldSize, newSize, [.. proof, oldRoot], oldRoot, newRoot),
                ("trailing new root", oldSize, newSize, [.. proof, newRoot], oldRoot, newRoot),
                ("leading empty element", oldSize, newSize, [[], .. proof], oldRoot, newRoot),
                ("leading old root", oldSize, newSize, [oldRoot, .. proof], oldRoot, newRoot),
                ("leading new root", oldSize, newSize, [newRoot, .. proof], oldRoot, newRoot),
                ("first element repeated", oldSize, newSize, [proof[0], .. proof], oldRoot, newRoot),
                ("last element removed", oldSize, newSize, proof[..^1], oldRoot, newRoot),
            };
            for (var element = 0; element < proof.Count; element++)
            {
                changes.Add(($"proof[{element}] bit 4 flipped", oldSize, newSize, WithBitFlipped(proof, element, 4), oldRoot, newRoot));
            }
            foreach (var (change, changedOldSize, changedNewSize, changedProof, changedOldRoot, changedNewRoot) in changes)
            {
                yield return new TestCaseData(changedOldSize, changedNewSize, changedProof, changedOldRoot, changedNewRoot)
                    .SetArgDisplayNames($"{oldSize} to {newSize}", change);
            }
        }
    }

    [TestCaseSource(nameof(CorruptedConsistencyProofs))]
    public void A_corrupted_consistency_proof_is_refused(long oldSize, long newSize, List<byte[]> proof, byte[] oldRoot, byte[] newRoot) =>
        Assert.That(MerkleTree.VerifyConsistency(oldSize, newSize, proof, oldRoot, newRoot), Is.False);

    [TestCase(0, 0, "empty tree", "empty tree", 0, true)]
    [TestCase(1, 1, "don't care 2", "don't care 2", 0, true)]
    [TestCase(0, 0, "don't care 1", "don't care 2", 0, false)]
    [TestCase(0, 0, "empty tree", "don't care 2", 0, false)]
    [TestCase(0, 0, "don't care 1", "don't care 1", 0, false)]
    [TestCase(1, 1, "don't care 1", "don't care 2", 0, false)]
    [TestCase(1, 1, "empty tree", "don't care 2", 0, false)]
    [TestCase(0, 0, "empty tree", "empty tree", 1, false)]
    [TestCase(1, 1, "empty tree", "empty tree", 1, false)]
    public void An_unchanged_tree_is_consistent_only_with_its_own_head_and_an_empty_proof(
        long oldSize, long newSize, string oldRoot, string newRoot, int proofLength, bool verifies) =>
        Assert.That(VerifyConsistencyOfNamedHeads(oldSize, newSize, oldRoot, newRoot, proofLength), Is.EqualTo(verifies));

    [TestCase(0, 1, "empty tree", "root 1", 0, true)]
    [TestCase(0, 8, "empty tree", "root 8", 0, true)]
    [TestCase(0, 1, "empty tree", "empty tree", 1, false)]
    [TestCase(0, 8, "empty tree", "root 8", 1, false)]
    [TestCase(0, 1, "don't care 1", "don't care 2", 0, false)]
    [TestCase(0, 8, "root 1", "root 8", 0, false)]
    public void The_empty_tree_is_consistent_with_every_tree_by_an_empty_proof_and_only_under_its_own_head(
        long oldSize, long newSize, string oldRoot, string newRoot, int proofLength, bool verifies) =>
        Assert.That(VerifyConsistencyOfNamedHeads(oldSize, newSize, oldRoot, newRoot, proofLength), Is.EqualTo(verifies));

    [TestCase(1, 0)]
    [TestCase(2, 1)]
    [TestCase(8, 7)]
    public void A_tree_is_never_consistent_with_a_smaller_one(long oldSize, long newSize) =>
        Assert.That(VerifyConsistencyOfNamedHeads(oldSize, newSize, "root " + oldSize, "root " + newSize, 0), Is.False);

    [TestCase(1, 2)]
    [TestCase(6, 8)]
    public void A_grown_tree_needs_a_non_empty_consistency_proof(long oldSize, long newSize) =>
        Assert.That(VerifyConsistencyOfNamedHeads(oldSize, newSize, "root " + oldSize, "root " + newSize, 0), Is.False);

    [Test]
    public void A_consistency_proof_fails_against_a_rewritten_history()
    {
        var rewritten = Leaves.ToArray();
        rewritten[1] = MerkleHash.Leaf([0xFF]);
        var proof = MerkleTree.ConsistencyProof(Leaves, 3);

        Assert.That(MerkleTree.VerifyConsistency(3, 8, proof, MerkleTree.RootHash(rewritten[..3]), Root(8)), Is.False);
        Assert.That(MerkleTree.VerifyConsistency(3, 8, proof, Root(3), MerkleTree.RootHash(rewritten)), Is.False);
    }

    /// <summary>
    /// Heads by name: "empty tree", "root n" for the reference head of size n, anything else is its ASCII bytes (not a hash).
    /// The proof, when not empty, is made of empty tree hashes, as in the reference edge cases.
    /// </summary>
    private static bool VerifyConsistencyOfNamedHeads(long oldSize, long newSize, string oldRoot, string newRoot, int proofLength)
    {
        static byte[] Named(string name) => name switch
        {
            "empty tree" => Convert.FromHexString(EmptyTreeRoot),
            _ when name.StartsWith("root ", StringComparison.Ordinal) => Root(long.Parse(name[5..], CultureInfo.InvariantCulture)),
            _ => Encoding.ASCII.GetBytes(name),
        };
        var proof = Enumerable.Repeat(Convert.FromHexString(EmptyTreeRoot), proofLength).ToList();
        return MerkleTree.VerifyConsistency(oldSize, newSize, proof, Named(oldRoot), Named(newRoot));
    }

    private static byte[] Root(long size) => Convert.FromHexString(Roots[size]);

    private static List<byte[]> Hashes(string[] hex) => [.. hex.Select(Convert.FromHexString)];

    private static List<byte[]> WithBitFlipped(List<byte[]> proof, int element, int bit)
    {
        var copy = proof.Select(hash => hash.ToArray()).ToList();
        copy[element][0] ^= (byte)(1 << bit);
        return copy;
    }
}
