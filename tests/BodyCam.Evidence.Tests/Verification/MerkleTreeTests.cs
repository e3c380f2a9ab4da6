using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Tests.Verification;

/// <summary>The RFC 6962/9162 reference tree of eight leaves, whose tree heads are published test vectors.</summary>
public sealed class MerkleTreeTests
{
    private static readonly byte[][] Leaves =
    [
        .. new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }
            .Select(hex => MerkleHash.Leaf(Convert.FromHexString(hex))),
    ];

    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Test]
    public void Tree_heads_of_every_size_match_the_reference_vectors()
    {
        var heads = Enumerable.Range(1, 8).Select(size => Convert.ToHexStringLower(MerkleTree.RootHash(Leaves[..size])));

        Assert.That(heads, Is.EqualTo(Roots));
        Assert.That(MerkleTree.RootHash([]), Is.EqualTo(MerkleHash.EmptyTree()));
    }

    [Test]
    public void Every_leaf_of_every_tree_size_has_an_inclusion_proof_that_verifies()
    {
        for (var size = 1; size <= 8; size++)
        {
            var root = Convert.FromHexString(Roots[size - 1]);
            for (var index = 0; index < size; index++)
            {
                var proof = MerkleTree.InclusionProof(Leaves[..size], index);
                Assert.That(MerkleTree.VerifyInclusion(Leaves[index], index, size, proof, root), Is.True, $"leaf {index} of {size}");
            }
        }
    }

    [Test]
    public void An_inclusion_proof_fails_for_another_leaf_another_index_or_a_cut_proof()
    {
        var root = Convert.FromHexString(Roots[7]);
        var proof = MerkleTree.InclusionProof(Leaves, 5);

        Assert.That(MerkleTree.VerifyInclusion(Leaves[4], 5, 8, proof, root), Is.False);
        Assert.That(MerkleTree.VerifyInclusion(Leaves[5], 4, 8, proof, root), Is.False);
        Assert.That(MerkleTree.VerifyInclusion(Leaves[5], 5, 8, proof, Convert.FromHexString(Roots[6])), Is.False);
        Assert.That(MerkleTree.VerifyInclusion(Leaves[5], 5, 8, proof.Take(2).ToList(), root), Is.False);
    }

    [Test]
    public void Every_older_tree_head_is_proved_consistent_with_every_newer_one()
    {
        for (var newSize = 1; newSize <= 8; newSize++)
        {
            for (var oldSize = 0; oldSize <= newSize; oldSize++)
            {
                var proof = MerkleTree.ConsistencyProof(Leaves[..newSize], oldSize);
                var oldRoot = oldSize == 0 ? MerkleHash.EmptyTree() : Convert.FromHexString(Roots[oldSize - 1]);
                Assert.That(
                    MerkleTree.VerifyConsistency(oldSize, newSize, proof, oldRoot, Convert.FromHexString(Roots[newSize - 1])),
                    Is.True, $"{oldSize} → {newSize}");
            }
        }
    }

    [Test]
    public void A_consistency_proof_fails_against_a_rewritten_history()
    {
        var rewritten = Leaves.ToArray();
        rewritten[1] = MerkleHash.Leaf([0xFF]);
        var proof = MerkleTree.ConsistencyProof(Leaves, 3);

        Assert.That(MerkleTree.VerifyConsistency(3, 8, proof, MerkleTree.RootHash(rewritten[..3]), Convert.FromHexString(Roots[7])), Is.False);
        Assert.That(MerkleTree.VerifyConsistency(3, 8, proof, Convert.FromHexString(Roots[2]), MerkleTree.RootHash(rewritten)), Is.False);
    }
}
