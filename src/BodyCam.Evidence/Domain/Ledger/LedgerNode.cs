namespace BodyCam.Evidence.Domain.Ledger;

/// <summary>
/// The hash of a complete subtree of the custody log: level L, index i covers the entries with sequence
/// i·2^L..(i+1)·2^L-1; level 0 holds the leaf hashes. Written in the transaction of the event that completes it,
/// never changed. With them a proof reads O(log n) rows, however long the log.
/// </summary>
public sealed class LedgerNode
{
    public int Level { get; init; }
    public long Index { get; init; }
    public required byte[] Hash { get; init; }
}
