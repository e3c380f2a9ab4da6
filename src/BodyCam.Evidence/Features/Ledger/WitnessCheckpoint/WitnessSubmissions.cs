using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Ledger;

public static class WitnessSubmissions
{
    /// <summary>
    /// Enqueues a submission for each witness behind the newest checkpoint that is neither backing off nor being
    /// submitted to: the checkpoint job calls this on every tick, so a new checkpoint goes out at once and a
    /// witness that was away is tried again as soon as its delay has passed.
    /// </summary>
    public static async Task EnqueueDueAsync(
        this EvidenceDb db, WitnessSettings witnessing, IBackgroundJobClient jobs, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (witnessing.Witnesses.Count == 0
            || await db.LedgerCheckpoints.MaxAsync(c => (long?)c.TreeSize, cancellationToken) is not { } newest)
        {
            return;
        }
        var keys = witnessing.Witnesses.Select(w => w.Key.ToString()).ToList();
        var states = await db.WitnessStates.AsNoTracking().Where(s => keys.Contains(s.WitnessKey)).ToDictionaryAsync(s => s.WitnessKey, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var witness in witnessing.Witnesses)
        {
            if (states.TryGetValue(witness.Key.ToString(), out var state)
                && (state.CosignedSize == newest || state.NextAttemptAt > now || state.ClaimedUntil > now))
            {
                continue;
            }
            var name = witness.Name;
            jobs.Enqueue<WitnessCheckpointJob>(job => job.RunAsync(name, CancellationToken.None));
        }
    }

    /// <summary>How long a package waits for its checkpoint's cosignatures before its job gives the attempt up (Hangfire tries again).</summary>
    public static readonly TimeSpan QuorumWait = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The served checkpoint once it covers <paramref name="treeSize"/> entries: what a package's proofs must lead to.
    /// Submits to the witnesses due at once rather than waiting for the next checkpoint tick.
    /// </summary>
    public static async Task<ServedCheckpoint> AwaitServedCheckpointAsync(
        this EvidenceDb db, long treeSize, WitnessSettings witnessing, IBackgroundJobClient jobs, TimeProvider clock, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + QuorumWait;
        await db.EnqueueDueAsync(witnessing, jobs, clock, cancellationToken);
        while (true)
        {
            if (await db.ServedCheckpointAsync(witnessing, cancellationToken) is { } served && served.TreeSize >= treeSize)
            {
                return served;
            }
            if (clock.GetUtcNow() > deadline)
            {
                throw new TimeoutException(
                    $"No checkpoint of {treeSize} entries was cosigned by {witnessing.Quorum} witnesses (Ledger:WitnessQuorum) within {QuorumWait.TotalMinutes:0} minutes.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }
}
