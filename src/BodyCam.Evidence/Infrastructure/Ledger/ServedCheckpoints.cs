using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Infrastructure.Ledger;

/// <summary>
/// A checkpoint as the server hands it out: its <see cref="Note"/> is the log-signed note followed by the configured
/// witnesses' cosignature lines, in their configured order, the same as <see cref="Cosignatures"/>.
/// </summary>
public sealed record ServedCheckpoint(long TreeSize, byte[] RootHash, string Note, DateTimeOffset SignedAt, IReadOnlyList<WitnessCosignature> Cosignatures);

public static class ServedCheckpoints
{
    /// <summary>
    /// The newest checkpoint that met the witness quorum: the only one the server hands out as the log's latest, whether
    /// on its own or under proofs, packages and reports. Null before any has. With quorum 0, the newest signed.
    /// </summary>
    public static async Task<ServedCheckpoint?> ServedCheckpointAsync(this EvidenceDb db, WitnessSettings witnessing, CancellationToken cancellationToken)
    {
        var keys = witnessing.Witnesses.Select(w => w.Key.ToString()).ToList();
        var quorum = witnessing.Quorum;
        var candidates = db.LedgerCheckpoints.AsNoTracking();
        if (quorum > 0)
        {
            candidates = candidates.Where(c => db.WitnessCosignatures.Count(w => w.TreeSize == c.TreeSize && keys.Contains(w.WitnessKey)) >= quorum);
        }
        var checkpoint = await candidates.OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(cancellationToken);
        if (checkpoint is null)
        {
            return null;
        }
        List<WitnessCosignature> cosignatures = keys.Count == 0
            ? []
            : await db.WitnessCosignatures.AsNoTracking()
                .Where(w => w.TreeSize == checkpoint.TreeSize && keys.Contains(w.WitnessKey))
                .ToListAsync(cancellationToken);
        cosignatures = [.. cosignatures.OrderBy(c => keys.IndexOf(c.WitnessKey))];
        // c2sp.org/signed-note: a note carries any number of signature lines; the log's own comes first, as signed.
        var note = checkpoint.SignedNote + string.Concat(cosignatures.Select(c => c.SignatureLine + "\n"));
        return new ServedCheckpoint(checkpoint.TreeSize, checkpoint.RootHash, note, checkpoint.SignedAt, cosignatures);
    }
}
