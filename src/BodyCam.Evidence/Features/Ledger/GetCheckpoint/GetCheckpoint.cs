using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Ledger;

/// <summary>
/// The served checkpoint: the newest signed checkpoint that met the witness quorum (Ledger:WitnessQuorum), with the
/// log's signature and its witnesses' cosignatures. Public: a checkpoint is meant to be copied and witnessed.
/// </summary>
public sealed record GetCheckpoint : IQuery<LatestCheckpoint>;

/// <param name="Note">The signed note, as published: the log's signature line, then each witness's cosignature line.</param>
/// <param name="TreeSize">The entries the checkpoint covers.</param>
/// <param name="SignedAt">When the server signed it.</param>
/// <param name="LogSize">The entries the custody log holds now: those after <paramref name="TreeSize"/> await the next served checkpoint.</param>
/// <param name="Witnesses">Each configured witness: its cosignature of this checkpoint, if any, and the last size it cosigned.</param>
public sealed record LatestCheckpoint(string Note, long TreeSize, DateTimeOffset SignedAt, long LogSize, IReadOnlyList<CheckpointWitnessStatus> Witnesses);

/// <param name="Name">The witness's key name.</param>
/// <param name="CosignedAt">The time in the witness's cosignature of this checkpoint; null when it has not cosigned it.</param>
/// <param name="CosignedSize">The size of the latest checkpoint the witness cosigned.</param>
/// <param name="LastOutcome">What the last submission to it came to.</param>
public sealed record CheckpointWitnessStatus(string Name, DateTimeOffset? CosignedAt, long CosignedSize, string? LastOutcome);

internal sealed class GetCheckpointHandler(EvidenceDb db, WitnessSettings witnessing) : IQueryHandler<GetCheckpoint, LatestCheckpoint>
{
    public async ValueTask<LatestCheckpoint> Handle(GetCheckpoint query, CancellationToken cancellationToken)
    {
        var served = await db.ServedCheckpointAsync(witnessing, cancellationToken)
            ?? throw new NotFoundException(witnessing.Quorum == 0
                ? "No checkpoint has been signed yet; one follows within seconds of start-up."
                : $"No checkpoint has been cosigned by {witnessing.Quorum} of the log's witnesses (Ledger:WitnessQuorum) yet.");
        return new LatestCheckpoint(served.Note, served.TreeSize, served.SignedAt, await db.LedgerSizeAsync(cancellationToken), await WitnessesAsync(served, cancellationToken));
    }

    private async Task<IReadOnlyList<CheckpointWitnessStatus>> WitnessesAsync(ServedCheckpoint served, CancellationToken cancellationToken)
    {
        if (witnessing.Witnesses.Count == 0)
        {
            return [];
        }
        var keys = witnessing.Witnesses.Select(w => w.Key.ToString()).ToList();
        var states = await db.WitnessStates.AsNoTracking().Where(s => keys.Contains(s.WitnessKey)).ToDictionaryAsync(s => s.WitnessKey, cancellationToken);
        return [.. witnessing.Witnesses.Select(witness =>
        {
            var key = witness.Key.ToString();
            var state = states.GetValueOrDefault(key);
            return new CheckpointWitnessStatus(
                witness.Name, served.Cosignatures.FirstOrDefault(c => c.WitnessKey == key)?.CosignedAt, state?.CosignedSize ?? 0, state?.LastOutcome);
        })];
    }
}
