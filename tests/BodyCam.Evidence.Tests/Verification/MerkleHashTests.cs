using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Tests.Verification;

/// <summary>Vectors from RFC 9162 §2.1.1 and the reference test data of transparency-dev/merkle.</summary>
public sealed class MerkleHashTests
{
    [Test]
    public void The_empty_tree_hashes_to_the_SHA256_of_nothing() =>
        Assert.That(Convert.ToHexStringLower(MerkleHash.EmptyTree()), Is.EqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));

    [Test]
    public void An_empty_leaf_is_prefixed_with_a_zero_byte() =>
        Assert.That(Convert.ToHexStringLower(MerkleHash.Leaf([])), Is.EqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"));

    [Test]
    public void A_two_leaf_tree_matches_the_reference_root()
    {
        var root = MerkleHash.Node(MerkleHash.Leaf([]), MerkleHash.Leaf([0x00]));

        Assert.That(Convert.ToHexStringLower(root), Is.EqualTo("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"));
    }
}
