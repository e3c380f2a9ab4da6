using System.Collections.Concurrent;
using BodyCam.Evidence.Domain.Ledger;

namespace BodyCam.Evidence.Infrastructure.Ledger;

/// <summary>
/// The committed complete subtrees of at least 2^<see cref="LowestLevel"/> leaves, by position: a proof then reads
/// from the database only the few subtrees below that level near its leaf (8 instead of ~24 at 10M entries). A stored
/// node never changes once committed (the table refuses updates and deletes, and a position is its key), so every
/// process may keep what it read, and other processes appending cannot make it wrong. One per database, beside the
/// context; it stops growing at <see cref="Capacity"/> nodes.
/// </summary>
public sealed class LedgerNodeCache
{
    /// <summary>About 78k nodes at 10M entries, some 8 MB: the levels a whole proof shares with many others.</summary>
    public const int DefaultLowestLevel = 8;

    /// <summary>The upper levels of a log of about 64M entries, some 50 MB.</summary>
    public const int DefaultCapacity = 500_000;

    private readonly ConcurrentDictionary<long, byte[]> _nodes = new();

    public LedgerNodeCache()
        : this(DefaultLowestLevel, DefaultCapacity)
    {
    }

    internal LedgerNodeCache(int lowestLevel, int capacity)
    {
        LowestLevel = lowestLevel;
        Capacity = capacity;
    }

    public int LowestLevel { get; }

    public int Capacity { get; }

    public int Count => _nodes.Count;

    /// <summary>The first position of the lowest cached level: every position at or above it is cached.</summary>
    internal long LowestPosition => LedgerNode.PositionOf(LowestLevel, 0);

    internal bool Caches(long position) => position >= LowestPosition;

    internal bool TryGet(long position, out byte[] hash) => _nodes.TryGetValue(position, out hash!);

    /// <summary>
    /// Only for nodes read outside any transaction, so committed: a transaction that wrote nodes (an integration
    /// round) and then rolled back would otherwise leave hashes that other entries later replace.
    /// </summary>
    internal void AddCommitted(long position, byte[] hash)
    {
        if (Caches(position) && _nodes.Count < Capacity)
        {
            _nodes.TryAdd(position, hash);
        }
    }
}
