using BodyCam.Evidence.Domain.Ledger;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Telemetry;
using BodyCam.Evidence.Verification.Notes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BodyCam.Evidence.Features.Ledger;

/// <summary>
/// Submits the newest signed checkpoint to one witness (c2sp.org/tlog-witness <c>add-checkpoint</c>) and keeps the
/// cosignature it returns once it verifies with the witness's configured key. Enqueued by the checkpoint job for each
/// witness that is behind; it takes only the witness's name, and one submission per witness runs at a time whichever
/// server instance runs it (a claim on the witness's state row). A witness that cannot be reached is tried again after a
/// delay that doubles per failure; one that refuses the log, or answers with a cosignature that does not verify, is an
/// alert: a witness that finds the log inconsistent with what it cosigned before is the split view witnessing exists to catch.
/// </summary>
public sealed partial class WitnessCheckpointJob(
    EvidenceDb db, WitnessSettings witnessing, WitnessClient client, EvidenceMetrics metrics, TimeProvider clock, ILogger<WitnessCheckpointJob> logger)
{
    // The witness's state is its own retry schedule; a failed run is tried again by the next checkpoint tick.
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string witnessName, CancellationToken cancellationToken)
    {
        if (witnessing.Named(witnessName) is not { } witness)
        {
            return;
        }
        var key = witness.Key.ToString();
        await EnsureStateAsync(key, cancellationToken);
        if (!await ClaimAsync(key, cancellationToken))
        {
            return;
        }
        var state = await db.WitnessStates.SingleAsync(s => s.WitnessKey == key, cancellationToken);
        WitnessCosignature? stored = null;
        LedgerCheckpoint? checkpoint = null;
        try
        {
            checkpoint = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(cancellationToken);
            if (checkpoint is null || state.CosignedSize == checkpoint.TreeSize)
            {
                return;
            }
            if (state.CosignedSize > checkpoint.TreeSize)
            {
                Alert(witness, state, checkpoint, "ahead",
                    $"the witness cosigned a checkpoint of {state.CosignedSize} entries, more than the newest this server holds");
                return;
            }
            stored = await SubmitAsync(witness, state, checkpoint, cancellationToken);
        }
        finally
        {
            state.ClaimedUntil = clock.GetUtcNow();
            await db.SaveChangesAsync(CancellationToken.None);
        }
        if (stored is not null)
        {
            await MeasureQuorumAsync(checkpoint!, stored, cancellationToken);
        }
    }

    private async Task<WitnessCosignature?> SubmitAsync(Witness witness, WitnessState state, LedgerCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var oldSize = state.CosignedSize;
        for (var resent = false; ; resent = true)
        {
            List<byte[]> proof = oldSize == 0 ? [] : await db.ConsistencyProofAsync(oldSize, checkpoint.TreeSize, cancellationToken);
            var answer = await client.AddCheckpointAsync(witness, oldSize, proof, checkpoint.SignedNote, cancellationToken);
            switch (answer)
            {
                case WitnessAnswer.Cosigned cosigned:
                    return await AcceptAsync(witness, state, checkpoint, cosigned.SignatureLines, cancellationToken);
                case WitnessAnswer.Conflict conflict when !resent:
                    if (await ConflictProblemAsync(conflict.WitnessSize, checkpoint, cancellationToken) is { } problem)
                    {
                        Alert(witness, state, checkpoint, "409", problem);
                        return null;
                    }
                    LogResending(logger, witness.Name, conflict.WitnessSize, oldSize);
                    oldSize = conflict.WitnessSize;
                    break;
                case WitnessAnswer.Conflict conflict:
                    Alert(witness, state, checkpoint, "409", $"it answered 409 again, now with {conflict.WitnessSize} entries, after the server resent from the size it reported");
                    return null;
                case WitnessAnswer.Refused refused:
                    Alert(witness, state, checkpoint, refused.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Detail);
                    return null;
                case WitnessAnswer.Unavailable unavailable:
                    state.Failed(unavailable.Reason, clock.GetUtcNow());
                    LogUnavailable(logger, witness.Name, checkpoint.TreeSize, unavailable.Reason, state.NextAttemptAt);
                    return null;
            }
        }
    }

    /// <summary>A 409 is resolved by resending from the witness's size, unless that size is no checkpoint this log ever signed.</summary>
    private async Task<string?> ConflictProblemAsync(long witnessSize, LedgerCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        if (witnessSize > checkpoint.TreeSize)
        {
            return $"the witness has cosigned a checkpoint of {witnessSize} entries, more than the newest this server signed ({checkpoint.TreeSize})";
        }
        if (witnessSize > 0 && !await db.LedgerCheckpoints.AnyAsync(c => c.TreeSize == witnessSize, cancellationToken))
        {
            return $"the witness has cosigned a checkpoint of {witnessSize} entries, and this server holds no checkpoint of that size";
        }
        return null;
    }

    /// <summary>
    /// tlog-witness: the client may append the response to the checkpoint and verify the whole with the witness keys it
    /// trusts; lines of other keys are ignored, and a cosignature must carry a time.
    /// </summary>
    private async Task<WitnessCosignature?> AcceptAsync(
        Witness witness, WitnessState state, LedgerCheckpoint checkpoint, string signatureLines, CancellationToken cancellationToken)
    {
        SignedNote note;
        try
        {
            note = SignedNote.Parse(checkpoint.SignedNote + signatureLines);
        }
        catch (FormatException malformed)
        {
            Alert(witness, state, checkpoint, "unverified_cosignature", $"its answer is not note signature lines: {malformed.Message}");
            return null;
        }
        var cosignature = note.Signatures
            .Select(signature => (Signature: signature, Time: witness.Key.Verifies(signature, note.Text)))
            .FirstOrDefault(verified => verified.Time is { } time && time.ToUnixTimeSeconds() > 0);
        if (cosignature.Time is not { } cosignedAt)
        {
            Alert(witness, state, checkpoint, "unverified_cosignature",
                "none of the signature lines it returned is a timestamped cosignature of the checkpoint that verifies with its configured key");
            return null;
        }
        var now = clock.GetUtcNow();
        var key = witness.Key.ToString();
        var stored = new WitnessCosignature
        {
            TreeSize = checkpoint.TreeSize, WitnessKey = key, SignatureLine = cosignature.Signature.ToLine(), CosignedAt = cosignedAt, ReceivedAt = now,
        };
        if (!await db.WitnessCosignatures.AnyAsync(c => c.TreeSize == checkpoint.TreeSize && c.WitnessKey == key, cancellationToken))
        {
            db.WitnessCosignatures.Add(stored);
        }
        state.Cosigned(checkpoint.TreeSize, now);
        LogCosigned(logger, witness.Name, checkpoint.TreeSize);
        return stored;
    }

    private void Alert(Witness witness, WitnessState state, LedgerCheckpoint checkpoint, string status, string detail)
    {
        metrics.WitnessRefused(witness.Name, status);
        LogRefused(logger, witness.Name, status, checkpoint.TreeSize, detail);
        state.Failed($"refused ({status}) the checkpoint of {checkpoint.TreeSize} entries: {detail}", clock.GetUtcNow());
    }

    /// <summary>The cosignature that brings a checkpoint to the quorum measures what witnessing adds to its latency.</summary>
    private async Task MeasureQuorumAsync(LedgerCheckpoint checkpoint, WitnessCosignature stored, CancellationToken cancellationToken)
    {
        if (witnessing.Quorum == 0)
        {
            return;
        }
        var keys = witnessing.Witnesses.Select(w => w.Key.ToString()).ToList();
        var cosignatures = await db.WitnessCosignatures.CountAsync(c => c.TreeSize == checkpoint.TreeSize && keys.Contains(c.WitnessKey), cancellationToken);
        if (cosignatures == witnessing.Quorum)
        {
            metrics.WitnessQuorumReached(stored.ReceivedAt - checkpoint.SignedAt);
        }
    }

    private async Task EnsureStateAsync(string key, CancellationToken cancellationToken)
    {
        if (await db.WitnessStates.AnyAsync(s => s.WitnessKey == key, cancellationToken))
        {
            return;
        }
        db.WitnessStates.Add(new WitnessState { WitnessKey = key });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // Another instance's submission to this witness may have created it first.
            if (!await db.WitnessStates.AsNoTracking().AnyAsync(s => s.WitnessKey == key, cancellationToken))
            {
                throw;
            }
        }
        db.ChangeTracker.Clear();
    }

    /// <summary>Holds the witness for as long as a submission and its one resend may take, unless another holds it or it is backing off.</summary>
    private async Task<bool> ClaimAsync(string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + (witnessing.Timeout * 3);
        return await db.WitnessStates
            .Where(s => s.WitnessKey == key && s.ClaimedUntil <= now && s.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(state => state.ClaimedUntil, until), cancellationToken) == 1;
    }

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "Witness {Witness} refused ({Status}) the custody log's checkpoint of {TreeSize} entries: {Detail}. Until it cosigns, checkpoints it is needed for are not served")]
    private static partial void LogRefused(ILogger logger, string witness, string status, long treeSize, string detail);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Witness {Witness} did not cosign the checkpoint of {TreeSize} entries: {Reason}; it is tried again from {NextAttemptAt}")]
    private static partial void LogUnavailable(ILogger logger, string witness, long treeSize, string reason, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Witness {Witness} has cosigned {WitnessSize} entries, not {OldSize}: resending from its size")]
    private static partial void LogResending(ILogger logger, string witness, long witnessSize, long oldSize);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Witness {Witness} cosigned the checkpoint of {TreeSize} entries")]
    private static partial void LogCosigned(ILogger logger, string witness, long treeSize);
}
