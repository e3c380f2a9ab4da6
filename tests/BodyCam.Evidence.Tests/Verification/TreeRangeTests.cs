using System.Numerics;
using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Tests.Verification;

/// <summary>
/// The server's stored tree keeps complete subtrees only and answers every tree head and proof by folding them, so
/// every range a tree or a proof plan needs must decompose into complete subtrees whose fold is the range's tree hash.
/// </summary>
public sealed class TreeRangeTests
{
    private const int LargestTree = 300;

    private static readonly byte[][] Leaves =
        [.. Enumerable.Range(0, LargestTree).Select(i => MerkleHash.Leaf(BitConverter.GetBytes(i)))];

    /// <summary>Every tree of up to <see cref="LargestTree"/> leaves, and every range of every proof plan over it.</summary>
    private static readonly Dictionary<TreeRange, string> PlannedRanges = AllPlannedRanges();

    [Test]
    public void Seven_leaves_are_a_subtree_of_four_then_two_then_one() =>
        Assert.That(new TreeRange(0, 7).CompleteSubtrees(), Is.EqualTo(new[] { (2, 0L), (1, 2L), (0, 6L) }));

    [Test]
    public void A_right_hand_range_decomposes_from_its_own_start() =>
        Assert.That(new TreeRange(8, 13).CompleteSubtrees(), Is.EqualTo(new[] { (2, 2L), (0, 12L) }));

    [Test]
    public void A_range_of_one_leaf_is_that_leaf()
    {
        Assert.That(new TreeRange(5, 6).CompleteSubtrees(), Is.EqualTo(new[] { (0, 5L) }));
        Assert.That(TreeRange.Fold([Leaves[5]]), Is.EqualTo(Leaves[5]));
    }

    [Test]
    public void An_empty_range_has_no_subtrees_and_folds_to_the_empty_tree_hash()
    {
        Assert.That(new TreeRange(0, 0).CompleteSubtrees(), Is.Empty);
        Assert.That(TreeRange.Fold([]), Is.EqualTo(MerkleHash.EmptyTree()));
    }

    [Test]
    public void Every_planned_range_starts_at_a_multiple_of_a_power_of_two_no_smaller_than_itself()
    {
        var misaligned = PlannedRanges
            .Where(planned => planned.Key.Size > 0 && planned.Key.Start % (long)BitOperations.RoundUpToPowerOf2((ulong)planned.Key.Size) != 0)
            .Select(planned => $"{planned.Value}: [{planned.Key.Start}, {planned.Key.End})");

        Assert.That(misaligned, Is.Empty);
    }

    [Test]
    public void The_complete_subtrees_of_every_planned_range_tile_it_exactly_largest_first()
    {
        var failures = PlannedRanges
            .Select(planned => (planned.Key, Origin: planned.Value, Subtrees: planned.Key.CompleteSubtrees()))
            .Where(planned => !TilesLargestFirst(planned.Key, planned.Subtrees))
            .Select(planned => $"{planned.Origin}: [{planned.Key.Start}, {planned.Key.End}) gave {Describe(planned.Subtrees)}");

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Folding_the_complete_subtree_hashes_of_every_planned_range_gives_its_tree_hash()
    {
        var subtreeHashes = new Dictionary<(int, long), byte[]>();
        byte[] SubtreeHash(int level, long index)
        {
            if (!subtreeHashes.TryGetValue((level, index), out var hash))
            {
                hash = subtreeHashes[(level, index)] = MerkleTree.RootHash(Leaves[(int)(index << level)..(int)((index + 1) << level)]);
            }
            return hash;
        }

        var failures = PlannedRanges
            .Where(planned =>
            {
                var folded = TreeRange.Fold([.. planned.Key.CompleteSubtrees().Select(subtree => SubtreeHash(subtree.Level, subtree.Index))]);
                return !folded.AsSpan().SequenceEqual(MerkleTree.RootHash(Leaves[(int)planned.Key.Start..(int)planned.Key.End]));
            })
            .Select(planned => $"{planned.Value}: [{planned.Key.Start}, {planned.Key.End})");

        Assert.That(failures, Is.Empty);
    }

    private static Dictionary<TreeRange, string> AllPlannedRanges()
    {
        var ranges = new Dictionary<TreeRange, string>();
        for (var size = 0; size <= LargestTree; size++)
        {
            ranges.TryAdd(new TreeRange(0, size), $"tree of {size}");
            for (var index = 0; index < size; index++)
            {
                foreach (var range in ProofPlan.Inclusion(index, size))
                {
                    ranges.TryAdd(range, $"inclusion of leaf {index} in {size}");
                }
            }
            for (var oldSize = 0; oldSize <= size; oldSize++)
            {
                foreach (var range in ProofPlan.Consistency(oldSize, size))
                {
                    ranges.TryAdd(range, $"consistency of {oldSize} with {size}");
                }
            }
        }
        return ranges;
    }

    private static bool TilesLargestFirst(TreeRange range, IReadOnlyList<(int Level, long Index)> subtrees)
    {
        var next = range.Start;
        for (var i = 0; i < subtrees.Count; i++)
        {
            var (level, index) = subtrees[i];
            if (level < 0 || index << level != next || (i > 0 && level >= subtrees[i - 1].Level))
            {
                return false;
            }
            next += 1L << level;
        }
        return next == range.End;
    }

    private static string Describe(IEnumerable<(int Level, long Index)> subtrees) =>
        string.Join(" ", subtrees.Select(subtree => $"[{subtree.Index << subtree.Level}, {(subtree.Index + 1) << subtree.Level})"));
}
