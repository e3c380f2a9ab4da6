using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Infrastructure.Ledger;

/// <summary>
/// The committed tree in memory from level <see cref="LowestLevel"/> up, each level an array of the hashes of its
/// first complete subtrees. Only level <see cref="LowestLevel"/> is read from the database, in order; the levels above
/// it are hashed here from it. With the whole tree (level 0, the default) a proof about a committed tree needs no
/// round trip to the database at all: 64 bytes of memory per entry, 619 MiB at 10M. From level L a proof still reads
/// its L lowest nodes from the database, and the cache costs 64/2^L bytes per entry.
/// <para>
/// A committed node never changes (the table refuses updates and deletes, and a position is its key), so what a
/// process holds stays right while other processes append. It is only ever read outside a transaction: an
/// integration round that wrote nodes and then rolled back would otherwise leave hashes that later entries replace.
/// One writer at a time extends it; readers never wait.
/// </para>
/// </summary>
public sealed class LedgerNodeCache
{
    public const int WholeTree = 0;

    private LevelHashes[] _levels;
    private int _extending;

    public LedgerNodeCache(int lowestLevel = WholeTree)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lowestLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lowestLevel, LedgerNode.HighestLevel);
        LowestLevel = lowestLevel;
        _levels = EmptyLevels();
    }

    public int LowestLevel { get; }

    /// <summary>Nodes held, over all levels.</summary>
    public long Count => Volatile.Read(ref _levels).Sum(level => level.Count);

    /// <summary>Every tree of at most this many entries is held whole at the cached levels.</summary>
    public long CoveredEntries => Volatile.Read(ref _levels)[0].Count << LowestLevel;

    internal bool Caches(long position) => LedgerNode.LevelOf(position) >= LowestLevel;

    internal bool TryGet(long position, out byte[] hash)
    {
        var level = LedgerNode.LevelOf(position);
        var index = LedgerNode.IndexOf(position);
        var held = level < LowestLevel ? null : Volatile.Read(ref _levels)[level - LowestLevel];
        if (held is null || index >= held.Count)
        {
            hash = [];
            return false;
        }
        hash = held[index].ToArray();
        return true;
    }

    /// <summary>
    /// Appends the committed nodes of the lowest cached level that follow those held, as <paramref name="readFrom"/>
    /// gives them from a position up, in order, and hashes the levels above. Returns the nodes added over all levels;
    /// 0 at once if another caller is extending: its nodes come soon enough, and a request does better to read its
    /// few nodes from the database than to wait.
    /// <para>
    /// It reads again the last node it holds, which must be stored as held. Otherwise the database is no longer the
    /// one this tree was read from (restored to an earlier point, a replica that lost commits): everything held is
    /// dropped, proofs read the database, and the next extension starts over from it. Whether the log it holds now
    /// extends the checkpoints signed before is for the verifier and the witnesses to judge, not this cache.
    /// </para>
    /// </summary>
    internal async Task<long> ExtendAsync(Func<long, long, IAsyncEnumerable<LedgerNode>> readFrom, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _extending, 1, 0) != 0)
        {
            return 0;
        }
        try
        {
            var before = Count;
            var lowest = _levels[0];
            var next = LedgerNode.PositionOf(LowestLevel, lowest.Count);
            var unconfirmedLast = lowest.Count == 0 ? null : lowest[lowest.Count - 1].ToArray();
            await foreach (var node in readFrom(unconfirmedLast is null ? next : next - 1, LedgerNode.PositionOf(LowestLevel + 1, 0)).WithCancellation(cancellationToken))
            {
                if (unconfirmedLast is not null)
                {
                    if (node.Position != next - 1 || !node.Hash.AsSpan().SequenceEqual(unconfirmedLast))
                    {
                        break;
                    }
                    unconfirmedLast = null;
                    continue;
                }
                if (node.Position != next || node.Hash.Length != MerkleHash.Size)
                {
                    // A missing node is a broken invariant; the read that needs it reports it.
                    break;
                }
                Append(0, node.Hash);
                next++;
            }
            if (unconfirmedLast is not null)
            {
                Volatile.Write(ref _levels, EmptyLevels());
                return 0;
            }
            return Count - before;
        }
        finally
        {
            Volatile.Write(ref _extending, 0);
        }
    }

    private LevelHashes[] EmptyLevels() => [.. Enumerable.Range(LowestLevel, LedgerNode.HighestLevel - LowestLevel + 1).Select(_ => new LevelHashes())];

    /// <summary>A node that completes a pair completes their parent too, so the levels above never lag the lowest.</summary>
    private void Append(int offset, ReadOnlySpan<byte> hash)
    {
        var level = _levels[offset];
        var index = level.Count;
        if (index % 2 == 1)
        {
            Span<byte> parent = stackalloc byte[MerkleHash.Size];
            MerkleHash.Node(level[index - 1], hash, parent);
            level.Append(hash);
            Append(offset + 1, parent);
        }
        else
        {
            level.Append(hash);
        }
    }

    /// <summary>
    /// One level's hashes in chunks of 1 MiB, so that no array outgrows the runtime's limit; the first chunk starts
    /// small and doubles, so that a short log costs little. A chunk list is replaced, never changed, and published
    /// before the count that makes its new hash visible.
    /// </summary>
    private sealed class LevelHashes
    {
        private const int ChunkBits = 15;
        private const int ChunkBytes = (1 << ChunkBits) * MerkleHash.Size;
        private const int FirstChunkBytes = 64 * MerkleHash.Size;

        private byte[][] _chunks = [];
        private long _count;

        public long Count => Volatile.Read(ref _count);

        /// <summary>Only below <see cref="Count"/>, read first.</summary>
        public ReadOnlySpan<byte> this[long index] =>
            Volatile.Read(ref _chunks)[index >> ChunkBits].AsSpan(Offset(index), MerkleHash.Size);

        public void Append(ReadOnlySpan<byte> hash)
        {
            var index = _count;
            var chunk = (int)(index >> ChunkBits);
            var chunks = _chunks;
            if (chunk == chunks.Length || Offset(index) == chunks[chunk].Length)
            {
                chunks = Grown(chunks, chunk);
                Volatile.Write(ref _chunks, chunks);
            }
            hash.CopyTo(chunks[chunk].AsSpan(Offset(index), MerkleHash.Size));
            Volatile.Write(ref _count, index + 1);
        }

        private static int Offset(long index) => (int)(index & ((1 << ChunkBits) - 1)) * MerkleHash.Size;

        private static byte[][] Grown(byte[][] chunks, int chunk)
        {
            var grown = new byte[Math.Max(chunks.Length, chunk + 1)][];
            chunks.CopyTo(grown, 0);
            if (chunk < chunks.Length)
            {
                var doubled = new byte[Math.Min(ChunkBytes, 2 * chunks[chunk].Length)];
                chunks[chunk].CopyTo(doubled, 0);
                grown[chunk] = doubled;
            }
            else
            {
                grown[chunk] = new byte[chunk == 0 ? FirstChunkBytes : ChunkBytes];
            }
            return grown;
        }
    }
}
