using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Tests.Verification;

/// <summary>
/// Proofs that <see cref="MerkleTree"/> builds from the recursive definitions of RFC 9162, checked by its iterative
/// verifiers over random trees. Every case has a fixed seed, named in its failure message, so a failure replays.
/// </summary>
public sealed class MerkleProofPropertyTests
{
    private const int LargestSmallTree = 64;
    private const int SampleCount = 24;

    [TestCase(20261126)]
    public void Every_inclusion_proof_of_every_small_tree_verifies(int seed)
    {
        var random = new Random(seed);
        var failures = new List<string>();
        for (var size = 1; size <= LargestSmallTree; size++)
        {
            var leaves = RandomLeaves(random, size);
            var root = MerkleTree.RootHash(leaves);
            for (var index = 0; index < size; index++)
            {
                if (!MerkleTree.VerifyInclusion(leaves[index], index, size, MerkleTree.InclusionProof(leaves, index), root))
                {
                    failures.Add($"leaf {index} of {size}");
                }
            }
        }

        Assert.That(failures, Is.Empty, $"seed {seed}");
    }

    [TestCase(31, 1025)]
    [TestCase(32, 2048)]
    [TestCase(33, 3001)]
    [TestCase(34, 4095)]
    public void Sampled_inclusion_proofs_of_a_large_tree_verify(int seed, int size)
    {
        var random = new Random(seed);
        var leaves = RandomLeaves(random, size);
        var root = MerkleTree.RootHash(leaves);

        var failures = SampleIndexes(random, size)
            .Where(index => !MerkleTree.VerifyInclusion(leaves[index], index, size, MerkleTree.InclusionProof(leaves, index), root))
            .Select(index => $"leaf {index} of {size}");

        Assert.That(failures, Is.Empty, $"seed {seed}");
    }

    [TestCase(20261127)]
    public void Every_consistency_proof_between_small_trees_verifies(int seed)
    {
        var random = new Random(seed);
        var failures = new List<string>();
        for (var newSize = 1; newSize <= LargestSmallTree; newSize++)
        {
            var leaves = RandomLeaves(random, newSize);
            var roots = PrefixRoots(leaves);
            for (var oldSize = 0; oldSize <= newSize; oldSize++)
            {
                if (!MerkleTree.VerifyConsistency(oldSize, newSize, MerkleTree.ConsistencyProof(leaves, oldSize), roots[oldSize], roots[newSize]))
                {
                    failures.Add($"{oldSize} → {newSize}");
                }
            }
        }

        Assert.That(failures, Is.Empty, $"seed {seed}");
    }

    [TestCase(41, 1025)]
    [TestCase(42, 2048)]
    [TestCase(43, 3001)]
    [TestCase(44, 4095)]
    public void Sampled_consistency_proofs_into_a_large_tree_verify(int seed, int size)
    {
        var random = new Random(seed);
        var leaves = RandomLeaves(random, size);
        var root = MerkleTree.RootHash(leaves);

        var failures = SampleIndexes(random, size + 1)
            .Where(oldSize => !MerkleTree.VerifyConsistency(
                oldSize, size, MerkleTree.ConsistencyProof(leaves, oldSize), MerkleTree.RootHash(leaves[..oldSize]), root))
            .Select(oldSize => $"{oldSize} → {size}");

        Assert.That(failures, Is.Empty, $"seed {seed}");
    }

    [TestCase(51, 1)]
    [TestCase(52, 2)]
    [TestCase(53, 7)]
    [TestCase(54, 64)]
    [TestCase(55, 1000)]
    [TestCase(56, 4097)]
    public void Flipping_any_bit_of_an_inclusion_proof_its_leaf_or_the_root_fails_verification(int seed, int size)
    {
        var random = new Random(seed);
        var leaves = RandomLeaves(random, size);
        var root = MerkleTree.RootHash(leaves);
        var failures = new List<string>();

        foreach (var index in SampleIndexes(random, size).Take(4))
        {
            var proof = MerkleTree.InclusionProof(leaves, index);
            Assert.That(MerkleTree.VerifyInclusion(leaves[index], index, size, proof, root), Is.True, $"seed {seed}: leaf {index} of {size}");

            foreach (var bit in Bits(leaves[index]))
            {
                if (MerkleTree.VerifyInclusion(WithBitFlipped(leaves[index], bit), index, size, proof, root))
                {
                    failures.Add($"leaf {index} of {size}: leaf bit {bit}");
                }
                if (MerkleTree.VerifyInclusion(leaves[index], index, size, proof, WithBitFlipped(root, bit)))
                {
                    failures.Add($"leaf {index} of {size}: root bit {bit}");
                }
            }
            for (var element = 0; element < proof.Count; element++)
            {
                foreach (var bit in Bits(proof[element]))
                {
                    if (MerkleTree.VerifyInclusion(leaves[index], index, size, WithBitFlipped(proof, element, bit), root))
                    {
                        failures.Add($"leaf {index} of {size}: proof[{element}] bit {bit}");
                    }
                }
            }
        }

        Assert.That(failures, Is.Empty, $"seed {seed}");
    }

    /// <summary>
    /// An empty old tree is consistent with every tree whatever its head, so old sizes start at 1 here; the new head
    /// of an empty-to-n proof binds nothing.
    /// </summary>
    [TestCase(61, 2)]
    [TestCase(62, 7)]
    [TestCase(63, 64)]
    [TestCase(64, 1000)]
    [TestCase(65, 4097)]
    public void Flipping_any_bit_of_a_consistency_proof_or_either_root_fails_verification(int seed, int size)
    {
        var random = new Random(seed);
        var leaves = RandomLeaves(random, size);
        var newRoot = MerkleTree.RootHash(leaves);
        var failures = new List<string>();

        foreach (var oldSize in SampleIndexes(random, size).Select(index => index + 1).Take(4))
        {
            var proof = MerkleTree.ConsistencyProof(leaves, oldSize);
            var oldRoot = MerkleTree.RootHash(leaves[..oldSize]);
            Assert.That(MerkleTree.VerifyConsistency(oldSize, size, proof, oldRoot, newRoot), Is.True, $"seed {seed}: {oldSize} → {size}");

            foreach (var bit in Bits(oldRoot))
            {
                if (MerkleTree.VerifyConsistency(oldSize, size, proof, WithBitFlipped(oldRoot, bit), newRoot))
                {
                    failures.Add($"{oldSize} → {size}: old root bit {bit}");
                }
                if (MerkleTree.VerifyConsistency(oldSize, size, proof, oldRoot, WithBitFlipped(newRoot, bit)))
                {
                    failures.Add($"{oldSize} → {size}: new root bit {bit}");
                }
            }
            for (var element = 0; element < proof.Count; element++)
            {
                foreach (var bit in Bits(proof[element]))
                {
                    if (MerkleTree.VerifyConsistency(oldSize, size, WithBitFlipped(proof, element, bit), oldRoot, newRoot))
                    {
                        failures.Add($"{oldSize} → {size}: proof[{element}] bit {bit}");
                    }
                }
            }
        }

        Assert.That(failures, Is.Empty, $"seed {seed}");
    }

    /// <summary>
    /// A signed tree head binds a size to a root, so the other size comes with its own root. (With the proof's own root
    /// a different size can pass where the path has the same shape, e.g. leaf 0 of 5 and of 6.)
    /// </summary>
    [TestCase(71, 64)]
    [TestCase(72, 1500)]
    public void An_inclusion_proof_fails_against_the_head_of_any_other_tree_size(int seed, int size)
    {
        var random = new Random(seed);
        var leaves = RandomLeaves(random, size);
        var roots = new Dictionary<int, byte[]>();
        byte[] Root(int treeSize) => roots.TryGetValue(treeSize, out var root) ? root : roots[treeSize] = MerkleTree.RootHash(leaves[..treeSize]);
        var failures = new List<string>();

        foreach (var treeSize in SampleIndexes(random, size).Select(index => index + 1).Take(8))
        {
            var prefix = leaves[..treeSize];
            foreach (var index in SampleIndexes(random, treeSize).Take(4))
            {
                var proof = MerkleTree.InclusionProof(prefix, index);
                var otherSizes = new[] { treeSize - 1, treeSize + 1, treeSize * 2, treeSize / 2 }
                    .Concat(SampleIndexes(random, size).Select(other => other + 1).Take(6))
                    .Where(other => other != treeSize && other >= 0 && other <= size)
                    .Distinct();
                foreach (var other in otherSizes)
                {
                    if (MerkleTree.VerifyInclusion(leaves[index], index, other, proof, Root(other)))
                    {
                        failures.Add($"leaf {index} of {treeSize}: verified as of {other}");
                    }
                }
            }
        }

        Assert.That(failures, Is.Empty, $"seed {seed}");
    }

    [TestCase(81, 64)]
    [TestCase(82, 1500)]
    public void A_consistency_proof_fails_against_the_heads_of_any_other_tree_sizes(int seed, int size)
    {
        var random = new Random(seed);
        var leaves = RandomLeaves(random, size);
        var roots = new Dictionary<int, byte[]>();
        byte[] Root(int treeSize) => roots.TryGetValue(treeSize, out var root) ? root : roots[treeSize] = MerkleTree.RootHash(leaves[..treeSize]);
        var failures = new List<string>();

        foreach (var newSize in SampleIndexes(random, size).Select(index => index + 1).Take(8))
        {
            var prefix = leaves[..newSize];
            foreach (var oldSize in SampleIndexes(random, newSize).Select(index => index + 1).Where(oldSize => oldSize < newSize).Take(4))
            {
                var proof = MerkleTree.ConsistencyProof(prefix, oldSize);
                int[] nearby = [oldSize - 1, oldSize + 1, newSize - 1, newSize + 1, oldSize * 2, newSize / 2];
                var otherSizes = nearby.Concat(SampleIndexes(random, size).Take(6)).Where(other => other >= 0 && other <= size).Distinct().ToList();
                foreach (var other in otherSizes.Where(other => other != oldSize))
                {
                    if (MerkleTree.VerifyConsistency(other, newSize, proof, Root(other), Root(newSize)))
                    {
                        failures.Add($"{oldSize} → {newSize}: verified from {other}");
                    }
                }
                foreach (var other in otherSizes.Where(other => other != newSize))
                {
                    if (MerkleTree.VerifyConsistency(oldSize, other, proof, Root(oldSize), Root(other)))
                    {
                        failures.Add($"{oldSize} → {newSize}: verified into {other}");
                    }
                }
            }
        }

        Assert.That(failures, Is.Empty, $"seed {seed}");
    }

    private static byte[][] RandomLeaves(Random random, int count)
    {
        var leaves = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var entry = new byte[random.Next(0, 65)];
            random.NextBytes(entry);
            leaves[i] = MerkleHash.Leaf(entry);
        }
        return leaves;
    }

    private static byte[][] PrefixRoots(byte[][] leaves) =>
        [.. Enumerable.Range(0, leaves.Length + 1).Select(size => MerkleTree.RootHash(leaves[..size]))];

    /// <summary>
    /// Indexes below <paramref name="count"/>: the edges, both sides of every power of two, then random ones, shuffled
    /// so that taking a few still mixes them.
    /// </summary>
    private static int[] SampleIndexes(Random random, int count)
    {
        var picks = new HashSet<int> { 0, count - 1 };
        for (var power = 1; power < count; power <<= 1)
        {
            picks.Add(power - 1);
            picks.Add(power);
        }
        var target = Math.Min(count, picks.Count + SampleCount);
        while (picks.Count < target)
        {
            picks.Add(random.Next(count));
        }
        var sample = picks.Order().ToArray();
        random.Shuffle(sample);
        return sample;
    }

    private static IEnumerable<int> Bits(byte[] hash) => Enumerable.Range(0, hash.Length * 8);

    private static byte[] WithBitFlipped(byte[] hash, int bit)
    {
        var copy = hash.ToArray();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    private static List<byte[]> WithBitFlipped(List<byte[]> proof, int element, int bit)
    {
        var copy = proof.ToList();
        copy[element] = WithBitFlipped(proof[element], bit);
        return copy;
    }
}
