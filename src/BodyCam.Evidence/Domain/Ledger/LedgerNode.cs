namespace BodyCam.Evidence.Domain.Ledger;

/// <summary>
/// The hash of a complete subtree of the custody log: level L, index i covers the entries with sequence
/// i·2^L..(i+1)·2^L-1; level 0 holds the leaf hashes. Written in the transaction of the event that completes it,
/// never changed. One key per subtree (<see cref="PositionOf"/>) lets a proof fetch its O(log n) rows in a
/// single index lookup, however long the log.
/// </summary>
public sealed class LedgerNode
{
    private const int LevelShift = 56;

    /// <summary>The root of a log of 2^56 entries, the most a position has room for.</summary>
    public const int HighestLevel = LevelShift;

    public long Position { get; init; }
    public required byte[] Hash { get; init; }

    /// <summary>The level in the top byte, the index below it: room for 2^56 entries.</summary>
    public static long PositionOf(int level, long index) => ((long)level << LevelShift) | index;

    public static int LevelOf(long position) => (int)(position >> LevelShift);

    public static long IndexOf(long position) => position & ((1L << LevelShift) - 1);

    public static LedgerNode Of(int level, long index, byte[] hash) => new() { Position = PositionOf(level, index), Hash = hash };
}
