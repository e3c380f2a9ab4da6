using System.Security.Cryptography;
using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Verification.Ledger;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Tests.Infrastructure.Ledger;

/// <summary>The tree in memory over more leaves than one chunk of a level holds, against the reference tree.</summary>
public sealed class LedgerNodeCacheTests
{
    private const int Leaves = 70_000;

    private static readonly List<byte[]> LeafHashes = [.. Enumerable.Range(0, Leaves).Select(i => SHA256.HashData(BitConverter.GetBytes(i)))];

    [Test]
    public async Task Holds_every_complete_subtree_of_a_log_longer_than_a_chunk_as_the_reference_tree_hashes_it()
    {
        var cache = new LedgerNodeCache(LedgerNodeCache.WholeTree);

        // In two extensions, the second starting inside the first chunk's last doubling.
        Assert.That(await cache.ExtendAsync((from, to) => Nodes(from, 20_000), CancellationToken.None), Is.EqualTo(NodesOfTree(20_000)));
        Assert.That(await cache.ExtendAsync((from, to) => Nodes(from, Leaves), CancellationToken.None), Is.EqualTo(NodesOfTree(Leaves) - NodesOfTree(20_000)));

        Assert.That(cache.CoveredEntries, Is.EqualTo(Leaves));
        foreach (var (level, index) in new[] { (0, 0L), (0, 32_767L), (0, 32_768L), (0, 69_999L), (1, 16_383L), (1, 16_384L), (6, 1_000L), (15, 1L), (16, 0L) })
        {
            Assert.That(cache.TryGet(LedgerNode.PositionOf(level, index), out var hash), Is.True, $"level {level}, index {index}");
            var first = (int)(index << level);
            Assert.That(hash, Is.EqualTo(MerkleTree.RootHash(LeafHashes[first..(first + (1 << level))])), $"level {level}, index {index}");
        }
        Assert.That(cache.TryGet(LedgerNode.PositionOf(0, Leaves), out _), Is.False, "a leaf not yet read");
        Assert.That(cache.TryGet(LedgerNode.PositionOf(17, 0), out _), Is.False, "a subtree not yet complete");
    }

    [Test]
    public async Task Stops_at_a_missing_node_and_holds_only_the_prefix_before_it()
    {
        var cache = new LedgerNodeCache(LedgerNodeCache.WholeTree);

        var added = await cache.ExtendAsync((from, to) => Nodes(from, 10).Where(node => node.Position != 6), CancellationToken.None);

        Assert.That(added, Is.EqualTo(NodesOfTree(6)));
        Assert.That(cache.CoveredEntries, Is.EqualTo(6));
        Assert.That(cache.TryGet(LedgerNode.PositionOf(0, 7), out _), Is.False);
    }

    [TestCase("-1")]
    [TestCase("57")]
    public void A_tree_level_outside_the_tree_is_refused_naming_the_setting(string level)
    {
        var refusal = Assert.Throws<ConfigurationException>(() => EvidenceSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection([new("Ledger:TreeInMemoryFromLevel", level)])
            .Build()));

        Assert.That(refusal.Message, Does.Contain("Ledger:TreeInMemoryFromLevel"));
    }

    [Test]
    public void The_whole_tree_is_kept_unless_configured_otherwise() =>
        Assert.That(EvidenceSettings.From(new ConfigurationBuilder().Build()).Ledger.TreeInMemoryFromLevel, Is.EqualTo(LedgerNodeCache.WholeTree));

    private static async IAsyncEnumerable<LedgerNode> Nodes(long from, int end)
    {
        for (var index = (int)from; index < end; index++)
        {
            yield return LedgerNode.Of(0, index, LeafHashes[index]);
        }
        await Task.CompletedTask;
    }

    /// <summary>Leaves and the complete subtrees above them.</summary>
    private static long NodesOfTree(long leaves)
    {
        var nodes = 0L;
        for (var count = leaves; count > 0; count /= 2)
        {
            nodes += count;
        }
        return nodes;
    }
}
