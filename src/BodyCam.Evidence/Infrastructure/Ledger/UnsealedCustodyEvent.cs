using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Infrastructure.Ledger;

/// <summary>A committed custody event not yet in the log: only the columns its entry is made of, as stored.</summary>
internal sealed record UnsealedCustodyEvent(
    Guid Id,
    DateTimeOffset Time,
    string ActorId,
    string ActorKind,
    string? ActorRole,
    string? ClientIp,
    string Action,
    Guid? EvidenceId,
    string? ContentSha256,
    string? Reason,
    string Outcome)
{
    public CustodyEntry ToEntry(long sequence) =>
        new(sequence, Time, ActorId, ActorKind, ActorRole, ClientIp, Action, EvidenceId, ContentSha256, Reason, Outcome);
}

/// <summary>What an integration round writes into an event's row: once, by the one update the database allows.</summary>
internal sealed record CustodyEventSeal(Guid Id, long Sequence, byte[] Entry, byte[] LeafHash);

/// <summary>The log as a round finds it under the lock: its size and the hash of its last leaf (none when empty).</summary>
internal sealed record CustodyLogHead(long Size, byte[]? LastLeafHash);
