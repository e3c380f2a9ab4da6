namespace BodyCam.Evidence.Verification.Ledger;

/// <summary>
/// Which subtree hashes the proofs of RFC 9162 §2.1.3.1 and §2.1.4.1 consist of, in proof order, without the
/// hashes themselves: an in-memory tree and the server's stored tree fill in the same plan.
/// </summary>
public static class ProofPlan
{
    /// <summary>PATH(m, D[n]).</summary>
    public static IReadOnlyList<TreeRange> Inclusion(long index, long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, treeSize);
        var plan = new List<TreeRange>();
        Path(index, 0, treeSize, plan);
        return plan;
    }

    /// <summary>PROOF(m, D[n]); empty when the old tree is empty or the whole tree.</summary>
    public static IReadOnlyList<TreeRange> Consistency(long oldSize, long newSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
        var plan = new List<TreeRange>();
        if (oldSize > 0 && oldSize < newSize)
        {
            SubProof(oldSize, 0, newSize, startsAtRoot: true, plan);
        }
        return plan;
    }

    /// <summary>The largest power of two smaller than <paramref name="size"/> (size ≥ 2), where §2.1.1 splits a tree.</summary>
    internal static long Split(long size) => 1L << (63 - (int)long.LeadingZeroCount(size - 1));

    private static void Path(long index, long start, long end, List<TreeRange> plan)
    {
        while (end - start > 1)
        {
            var middle = start + Split(end - start);
            if (index < middle)
            {
                plan.Insert(0, new TreeRange(middle, end));
                end = middle;
            }
            else
            {
                plan.Insert(0, new TreeRange(start, middle));
                start = middle;
            }
        }
    }

    private static void SubProof(long oldSize, long start, long end, bool startsAtRoot, List<TreeRange> plan)
    {
        if (start + oldSize == end)
        {
            if (!startsAtRoot)
            {
                plan.Add(new TreeRange(start, end));
            }
            return;
        }
        var split = Split(end - start);
        if (oldSize <= split)
        {
            SubProof(oldSize, start, start + split, startsAtRoot, plan);
            plan.Add(new TreeRange(start + split, end));
        }
        else
        {
            SubProof(oldSize - split, start + split, end, startsAtRoot: false, plan);
            plan.Add(new TreeRange(start, start + split));
        }
    }
}
