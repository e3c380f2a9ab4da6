using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Domain.Custody;

/// <summary>
/// One row of the append-only custody log. <see cref="Sequence"/>, <see cref="Time"/>, <see cref="Entry"/> and
/// <see cref="LeafHash"/> are fixed when the row is sealed inside the committing transaction, so the sequence
/// has no gaps and the hashed bytes are exactly what the row says.
/// </summary>
public sealed class CustodyEvent
{
    public const int MaxReasonLength = 2000;

    private static long s_appendOrder;

    private CustodyEvent()
    {
    }

    public Guid Id { get; private init; }
    public long Sequence { get; private set; }
    public DateTimeOffset Time { get; private set; }
    public required string ActorId { get; init; }
    public ActorKind ActorKind { get; init; }
    public string? ActorRole { get; init; }
    public string? ClientIp { get; init; }
    public CustodyAction Action { get; init; }
    public Guid? EvidenceId { get; init; }
    public string? ContentSha256 { get; init; }
    public string? Reason { get; init; }
    public CustodyOutcome Outcome { get; init; }
    public byte[] Entry { get; private set; } = [];
    public byte[] LeafHash { get; private set; } = [];

    /// <summary>Keeps the order in which a unit of work recorded its events; the change tracker does not promise one.</summary>
    internal long AppendOrder { get; private init; }

    internal bool IsSealed => Entry.Length > 0;

    internal static CustodyEvent Pending(
        CustodyAction action, Actor actor, Guid? evidenceId, string? contentSha256, string? reason, CustodyOutcome outcome) => new()
    {
        Id = Guid.CreateVersion7(),
        ActorId = actor.Id,
        ActorKind = actor.Kind,
        ActorRole = actor.Role,
        ClientIp = actor.ClientIp,
        Action = action,
        EvidenceId = evidenceId,
        ContentSha256 = contentSha256,
        Reason = reason,
        Outcome = outcome,
        AppendOrder = Interlocked.Increment(ref s_appendOrder),
    };

    internal void Seal(long sequence, DateTimeOffset now)
    {
        Sequence = sequence;
        Time = CustodyEntry.TruncateToMicroseconds(now);
        Entry = ToEntry().ToCanonicalBytes();
        LeafHash = MerkleHash.Leaf(Entry);
    }

    public CustodyEntry ToEntry() => new(
        Sequence, Time, ActorId, ActorKind.ToString(), ActorRole, ClientIp, Action.ToString(), EvidenceId, ContentSha256, Reason, Outcome.ToString());
}
