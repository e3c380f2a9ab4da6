using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Domain.Custody;

/// <summary>
/// One row of the append-only custody log. A command commits its events unsequenced, stamped with the time it saved
/// them; <see cref="Infrastructure.Ledger.CustodyLogIntegration"/> then seals the committed ones under the log's lock: <see cref="Sequence"/>,
/// <see cref="Entry"/> and <see cref="LeafHash"/> are fixed once, so the sequence has no gaps (a rolled-back event
/// never reaches it) and the hashed bytes are exactly what the row says.
/// </summary>
public sealed class CustodyEvent
{
    public const int MaxReasonLength = 2000;

    /// <summary>
    /// The most free text a command may quote whole in its custody reason: a purpose, a decision's or a hold's reason.
    /// The longest opening quoted with it, a legal hold's (id, a 200-character matter, case, officer and range, item
    /// count), is under 540 characters, so the event always fits. Cutting the text instead (<see cref="FitReason"/>)
    /// would break the offline export check, which matches a package's purpose and approval reasons to these events exactly.
    /// </summary>
    public const int MaxReasonTextLength = MaxReasonLength - 600;

    /// <summary>A reason cut to what the log stores, never inside a surrogate pair, with an ellipsis where it was cut.</summary>
    public static string FitReason(string reason)
    {
        if (reason.Length <= MaxReasonLength)
        {
            return reason;
        }
        var kept = char.IsHighSurrogate(reason[MaxReasonLength - 2]) ? MaxReasonLength - 2 : MaxReasonLength - 1;
        return reason[..kept] + "…";
    }

    private CustodyEvent()
    {
    }

    public Guid Id { get; private init; }
    /// <summary>Null until the event is integrated into the log.</summary>
    public long? Sequence { get; private set; }
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
    /// <summary>Empty until the event is integrated into the log.</summary>
    public byte[] Entry { get; private set; } = [];

    /// <summary>Empty until the event is integrated into the log.</summary>
    public byte[] LeafHash { get; private set; } = [];

    internal static CustodyEvent Pending(
        CustodyAction action, Actor actor, Guid? evidenceId, string? contentSha256, string? reason, CustodyOutcome outcome) => new()
    {
        Id = CustodyEventId.Next(),
        ActorId = actor.Id,
        ActorKind = actor.Kind,
        ActorRole = actor.Role,
        ClientIp = actor.ClientIp,
        Action = action,
        EvidenceId = evidenceId,
        ContentSha256 = contentSha256,
        Reason = reason,
        Outcome = outcome,
    };

    /// <summary>A sealed event as its row holds it, for reads that bypass EF's materialisation.</summary>
    internal static CustodyEvent Sealed(
        Guid id, long sequence, DateTimeOffset time, string actorId, ActorKind actorKind, string? actorRole, string? clientIp, CustodyAction action,
        Guid? evidenceId, string? contentSha256, string? reason, CustodyOutcome outcome, byte[] entry, byte[] leafHash) => new()
    {
        Id = id,
        Sequence = sequence,
        Time = time,
        ActorId = actorId,
        ActorKind = actorKind,
        ActorRole = actorRole,
        ClientIp = clientIp,
        Action = action,
        EvidenceId = evidenceId,
        ContentSha256 = contentSha256,
        Reason = reason,
        Outcome = outcome,
        Entry = entry,
        LeafHash = leafHash,
    };

    /// <summary>The time the command saved the event, not the (later) time it was integrated.</summary>
    internal void Stamp(DateTimeOffset now) => Time = CustodyEntry.TruncateToMicroseconds(now);

    public CustodyEntry ToEntry() => new(
        Sequence ?? throw new InvalidOperationException($"Custody event {Id} is not yet integrated into the log."), Time, ActorId, ActorKind.ToString(), ActorRole, ClientIp, Action.ToString(), EvidenceId, ContentSha256, Reason, Outcome.ToString());
}
