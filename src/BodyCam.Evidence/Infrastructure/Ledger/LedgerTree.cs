using System.Runtime.CompilerServices;
using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Verification.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Infrastructure.Ledger;

/// <summary>
/// The custody log as an RFC 9162 tree, read from the stored complete subtrees (<see cref="LedgerNode"/>): a tree
/// head or a proof is the hashes of a few ranges (<see cref="ProofPlan"/>), each made of at most log n stored
/// subtrees, taken from the tree in memory (<see cref="LedgerNodeCache"/>) or fetched in one query. Proofs never read the custody rows themselves, so a row rewritten behind the
/// application's back cannot bend the proofs about its neighbours.
/// </summary>
public static class LedgerTree
{
    /// <summary>
    /// What a request reads into the node cache at most, about 3 MB: a process that fell far behind (idle while
    /// others appended a million entries) does not make one request wait for all of it.
    /// </summary>
    private const int RequestExtension = 100_000;

    public static async Task<long> LedgerSizeAsync(this EvidenceDb db, CancellationToken cancellationToken) =>
        await db.CustodyEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) + 1 ?? 0;

    /// <summary>The log's right edge at <paramref name="treeSize"/>, ready for appending.</summary>
    public static async Task<CompactRange> ReadCompactRangeAsync(this EvidenceDb db, long treeSize, CancellationToken cancellationToken)
    {
        var subtrees = new TreeRange(0, treeSize).CompleteSubtrees();
        var hashes = await db.SubtreeHashesAsync(subtrees, cancellationToken);
        return new CompactRange(treeSize, [.. subtrees.Select(subtree => hashes[subtree])]);
    }

    /// <summary>The rows a new leaf adds: itself, and the subtrees it completes.</summary>
    public static List<LedgerNode> NodesOfLeaf(CompactRange edge, long sequence, byte[] leafHash) =>
    [
        LedgerNode.Of(0, sequence, leafHash),
        .. edge.Append(leafHash).Select(subtree => LedgerNode.Of(subtree.Level, subtree.Index, subtree.Hash)),
    ];

    public static async Task<byte[]> RootHashAsync(this EvidenceDb db, long treeSize, CancellationToken cancellationToken) =>
        (await db.RangeHashesAsync([new TreeRange(0, treeSize)], cancellationToken))[0];

    public static Task<List<byte[]>> InclusionProofAsync(this EvidenceDb db, long index, long treeSize, CancellationToken cancellationToken) =>
        db.RangeHashesAsync(ProofPlan.Inclusion(index, treeSize), cancellationToken);

    public static Task<List<byte[]>> ConsistencyProofAsync(this EvidenceDb db, long oldSize, long newSize, CancellationToken cancellationToken) =>
        db.RangeHashesAsync(ProofPlan.Consistency(oldSize, newSize), cancellationToken);

    public static async Task<List<byte[]>> RangeHashesAsync(this EvidenceDb db, IReadOnlyList<TreeRange> ranges, CancellationToken cancellationToken)
    {
        var subtrees = ranges.Select(range => range.CompleteSubtrees()).ToList();
        var hashes = await db.SubtreeHashesAsync(subtrees.SelectMany(parts => parts), cancellationToken);
        return [.. subtrees.Select(parts => TreeRange.Fold([.. parts.Select(part => hashes[part])]))];
    }

    /// <summary>
    /// The hashes of complete subtrees, from the node cache where it holds them, extending it once if it lags;
    /// the rest from the database. A subtree that is not stored is a broken invariant, not a missing answer, so it
    /// throws.
    /// </summary>
    public static async Task<Dictionary<(int Level, long Index), byte[]>> SubtreeHashesAsync(
        this EvidenceDb db, IEnumerable<(int Level, long Index)> subtrees, CancellationToken cancellationToken)
    {
        var wanted = subtrees.Distinct().ToDictionary(subtree => LedgerNode.PositionOf(subtree.Level, subtree.Index));
        var cache = db.NodeCache();
        var found = new Dictionary<long, byte[]>(wanted.Count);
        var unread = FromCache(wanted.Keys);
        if (cache is not null && unread.Any(cache.Caches))
        {
            // All again: extending may also have found the stored tree changed under it and dropped what it held.
            await db.ExtendNodeCacheAsync(RequestExtension, cancellationToken);
            found.Clear();
            unread = FromCache(wanted.Keys);
        }
        if (unread.Count > 0)
        {
            foreach (var (position, hash) in await db.ReadLedgerNodesAsync([.. unread], cancellationToken))
            {
                found[position] = hash;
            }
        }
        if (wanted.Where(subtree => !found.ContainsKey(subtree.Key)).Take(1).ToList() is [var (_, (level, index))])
        {
            throw new InvalidOperationException($"The ledger has no stored subtree at level {level}, index {index}.");
        }
        return wanted.ToDictionary(subtree => subtree.Value, subtree => found[subtree.Key]);

        List<long> FromCache(IEnumerable<long> positions)
        {
            var missed = new List<long>(wanted.Count);
            foreach (var position in positions)
            {
                if (cache is not null && cache.TryGet(position, out var hash))
                {
                    found[position] = hash;
                }
                else
                {
                    missed.Add(position);
                }
            }
            return missed;
        }
    }

    /// <summary>
    /// The hashes of the <paramref name="count"/> complete subtrees of <paramref name="level"/> from index
    /// <paramref name="start"/> on, concatenated (a tlog-tiles tile), or null unless the log has completed all of
    /// them. From the node cache if it holds them all; otherwise in one range read, since the positions of one level
    /// are consecutive keys.
    /// </summary>
    public static async Task<byte[]?> ConsecutiveSubtreeHashesAsync(this EvidenceDb db, int level, long start, int count, CancellationToken cancellationToken)
    {
        if (level > LedgerNode.HighestLevel || start > (1L << (LedgerNode.HighestLevel - level)) - count)
        {
            return null;
        }
        var hashes = new byte[count * MerkleHash.Size];
        var cache = db.NodeCache();
        var cached = 0;
        while (cached < count && cache is not null && cache.TryGet(LedgerNode.PositionOf(level, start + cached), out var hash))
        {
            hash.CopyTo(hashes, cached * MerkleHash.Size);
            cached++;
        }
        if (cached == count)
        {
            return hashes;
        }
        var from = LedgerNode.PositionOf(level, start + cached);
        var to = LedgerNode.PositionOf(level, start + count);
        var stored = await db.LedgerNodes.AsNoTracking()
            .Where(n => n.Position >= from && n.Position < to)
            .OrderBy(n => n.Position)
            .Select(n => n.Hash)
            .ToListAsync(cancellationToken);
        if (cached + stored.Count < count)
        {
            return null;
        }
        foreach (var hash in stored)
        {
            hash.CopyTo(hashes, cached++ * MerkleHash.Size);
        }
        return hashes;
    }

    /// <summary>
    /// Whether the node cache holds the whole tree of <paramref name="treeSize"/> entries, which proves them
    /// committed without a round trip; it is extended first if it lags by a node of its lowest level or more (a cache
    /// from level L covers whole multiples of 2^L only). False says nothing: ask the database.
    /// </summary>
    public static async Task<bool> NodeCacheCoversAsync(this EvidenceDb db, long treeSize, CancellationToken cancellationToken) =>
        db.NodeCache() is { } cache
        && (cache.CoveredEntries >= treeSize
            || (treeSize - cache.CoveredEntries >= 1L << cache.LowestLevel
                && await db.ExtendNodeCacheAsync(RequestExtension, cancellationToken) > 0
                && cache.CoveredEntries >= treeSize));

    /// <summary>
    /// Reads into the node cache the committed nodes of its lowest level that it lacks, at most
    /// <paramref name="limit"/> of them, and hashes the levels above them; returns how many nodes it added. Only
    /// outside a transaction, so that only committed nodes enter. At start this loads the whole log (10M rows at 10M
    /// entries with the whole tree cached); after, the few entries appended since. In pages, because a retrying
    /// execution strategy makes EF buffer a query's whole result.
    /// </summary>
    public static async Task<long> ExtendNodeCacheAsync(this EvidenceDb db, int? limit, CancellationToken cancellationToken)
    {
        if (db.NodeCache() is not { } cache || db.Database.CurrentTransaction is not null)
        {
            return 0;
        }
        return await cache.ExtendAsync((from, to) => NodesInPagesAsync(db, from, to, limit ?? int.MaxValue, cancellationToken), cancellationToken);
    }

    private static async IAsyncEnumerable<LedgerNode> NodesInPagesAsync(
        EvidenceDb db, long from, long to, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int Page = 50_000;
        for (var read = 0; read < limit;)
        {
            var page = await db.LedgerNodes.AsNoTracking()
                .Where(n => n.Position >= from && n.Position < to)
                .OrderBy(n => n.Position)
                .Take(Math.Min(Page, limit - read))
                .ToListAsync(cancellationToken);
            foreach (var node in page)
            {
                yield return node;
            }
            if (page.Count < Page)
            {
                yield break;
            }
            read += page.Count;
            from = page[^1].Position + 1;
        }
    }

    /// <summary>The application's cache beside this context; a context made outside the application (design time) has none.</summary>
    private static LedgerNodeCache? NodeCache(this EvidenceDb db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<LedgerNodeCache>();
}
