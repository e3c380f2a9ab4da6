using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Verification.Ledger;
using Mediator;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>
/// An item's chain of custody in ledger order. With <see cref="WithProofs"/>, each event the served checkpoint (the
/// newest that met the witness quorum) covers carries its inclusion proof against that checkpoint, so the report verifies offline.
/// Officers and supervisors read the custody of the recordings they may see.
/// </summary>
[RequiresRole(Roles.Auditor, Roles.Custodian, Roles.Admin, Roles.Officer, Roles.Supervisor)]
public sealed record GetEvidenceCustody(Guid EvidenceId, bool WithProofs) : IQuery<CustodyReport>, IEvidenceItemMessage;

/// <summary><see cref="Checkpoint"/> is the signed note the proofs lead to; events after it have no proof yet.</summary>
public sealed record CustodyReport(Guid EvidenceId, string? Checkpoint, long? CheckpointTreeSize, IReadOnlyList<CustodyReportEvent> Events);

public sealed record CustodyReportEvent(
    long Index,
    DateTimeOffset Time,
    string ActorId,
    string ActorKind,
    string? ActorRole,
    string? ClientIp,
    string Action,
    string? ContentSha256,
    string? Reason,
    string Outcome,
    byte[] Entry,
    byte[] LeafHash,
    IReadOnlyList<byte[]>? InclusionProof);

internal sealed class GetEvidenceCustodyHandler(EvidenceDb db, WitnessSettings witnessing) : IQueryHandler<GetEvidenceCustody, CustodyReport>
{
    public async ValueTask<CustodyReport> Handle(GetEvidenceCustody query, CancellationToken cancellationToken)
    {
        var custody = await db.ReadItemCustodyAsync(query.EvidenceId, cancellationToken);
        if (!custody.ItemExists)
        {
            throw new NotFoundException($"There is no evidence item {query.EvidenceId}.");
        }
        if (query.WithProofs && await db.ServedCheckpointAsync(witnessing, cancellationToken) is { } checkpoint)
        {
            custody = custody with { CheckpointNote = checkpoint.Note, CheckpointTreeSize = checkpoint.TreeSize };
        }
        return await db.WithProofsAsync(query.EvidenceId, custody, cancellationToken);
    }
}

public static class CustodyReports
{
    /// <summary>
    /// The item's events in ledger order; each event the checkpoint of <paramref name="treeSize"/> covers carries its
    /// inclusion proof against it.
    /// </summary>
    public static async Task<CustodyReport> ReadCustodyReportAsync(
        this EvidenceDb db, Guid evidenceId, string? checkpointNote, long? treeSize, CancellationToken cancellationToken)
    {
        var custody = await db.ReadItemCustodyAsync(evidenceId, cancellationToken);
        return await db.WithProofsAsync(evidenceId, custody with { CheckpointNote = checkpointNote, CheckpointTreeSize = treeSize }, cancellationToken);
    }

    internal static async Task<CustodyReport> WithProofsAsync(this EvidenceDb db, Guid evidenceId, ItemCustody custody, CancellationToken cancellationToken)
    {
        // Every proof's hashes in one read: the plans of all events are fetched together (a node shared by several
        // proofs once), then dealt back out.
        var events = custody.Events;
        var plans = events.Select(e => custody.CheckpointTreeSize is { } size && e.Sequence < size
            ? ProofPlan.Inclusion(e.Sequence!.Value, size)
            : null).ToList();
        var hashes = new Queue<byte[]>(await db.RangeHashesAsync([.. plans.SelectMany(plan => plan ?? [])], cancellationToken));
        var report = events.Select((e, i) => new CustodyReportEvent(
            e.Sequence!.Value, e.Time, e.ActorId, e.ActorKind.ToString(), e.ActorRole, e.ClientIp, e.Action.ToString(),
            e.ContentSha256, e.Reason, e.Outcome.ToString(), e.Entry, e.LeafHash,
            plans[i] is { } plan ? [.. plan.Select(_ => hashes.Dequeue())] : null)).ToList();
        return new CustodyReport(evidenceId, custody.CheckpointNote, custody.CheckpointTreeSize, report);
    }
}
