using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Infrastructure.Ledger;

/// <summary>
/// A committed custody event not yet in the log, read from the columns its entry is made of. Its entry's sequence is
/// the one thing the row does not hold yet: the round that seals it gives it <see cref="InLogAt"/>.
/// </summary>
internal sealed record UnsealedCustodyEvent(Guid Id, CustodyEntry EntryBeforeSequence)
{
    public CustodyEntry InLogAt(long sequence) => EntryBeforeSequence with { Sequence = sequence };
}

/// <summary>What an integration round writes into an event's row: once, by the one update the database allows.</summary>
internal sealed record CustodyEventSeal(Guid Id, long Sequence, byte[] Entry, byte[] LeafHash);

/// <summary>The log as a round finds it under the lock: its size and the hash of its last leaf (none when empty).</summary>
internal sealed record CustodyLogHead(long Size, byte[]? LastLeafHash);
