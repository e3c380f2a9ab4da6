using System.Globalization;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Disposition;

/// <summary>
/// Daily: verified items past retention that nothing holds become EligibleForDisposition, each with a custody event,
/// plus one event that tells custodians how many (GET /api/disposition/eligible lists them); eligible items a hold or
/// a longer retention has since caught go back to Retained. Immutability policies of items kept indefinitely are
/// renewed before they lapse. Nothing is deleted here.
/// </summary>
public sealed class SweepRetentionJob(EvidenceDb db, EvidenceSettings settings, BlobProtection protection, PostCommitWork postCommit, TimeProvider clock)
{
    private const int BatchSize = 500;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var system = Actor.System(RecurringJobs.RetentionSweep.Id);
        var due = db.EvidenceItems.Where(e =>
            e.Disposition == DispositionState.Retained && e.Status == EvidenceStatus.Verified && e.RetainUntil != null && e.RetainUntil <= now);
        var eligible = await InBatchesAsync(due.WhereProtected(db, isProtected: false), item =>
        {
            item.MarkEligibleForDisposition();
            db.CustodyEvents.Record(
                CustodyAction.EligibleForDisposition, system, item.Id, item.StreamSha256,
                reason: $"retention ended {item.RetainUntil!.Value.ToString("O", CultureInfo.InvariantCulture)}; no legal hold or open case keeps it");
        }, cancellationToken);

        var caught = db.EvidenceItems.Where(e => e.Disposition == DispositionState.EligibleForDisposition);
        var kept = 0;
        foreach (var keptAgain in new[] { caught.Where(e => e.RetainUntil == null || e.RetainUntil > now), caught.WhereProtected(db) })
        {
            kept += await InBatchesAsync(keptAgain, item =>
            {
                item.KeepRetained();
                db.CustodyEvents.Record(
                    CustodyAction.RetentionChanged, system, item.Id, item.StreamSha256,
                    reason: "no longer eligible for disposition: its retention was extended or a legal hold or open case now keeps it");
            }, cancellationToken);
        }

        if (eligible > 0)
        {
            db.CustodyEvents.Record(
                CustodyAction.EligibleForDisposition, system,
                reason: $"retention sweep: {eligible} items newly eligible for disposition, awaiting a custodian's request; {kept} returned to retention");
            await db.SaveChangesAsync(cancellationToken);
        }

        if (settings.Retention.Immutability != ImmutabilityMode.Off)
        {
            var renewBefore = now.AddDays(settings.Retention.IndefiniteImmutabilityDays / 4.0);
            protection.AfterCommit(await db.EvidenceItems
                .Where(e => e.Status == EvidenceStatus.Verified && e.Disposition != DispositionState.Purged
                    && (e.ImmutableUntil == null || (e.RetainUntil == null && e.ImmutableUntil < renewBefore)))
                .Select(e => e.Id)
                .ToListAsync(cancellationToken));
            await postCommit.RunAsync();
        }
        return eligible;
    }

    /// <summary>Changes and records each batch in its own transaction, so a long sweep holds no lock for long and resumes where it stopped.</summary>
    private async Task<int> InBatchesAsync(IQueryable<EvidenceItem> items, Action<EvidenceItem> change, CancellationToken cancellationToken)
    {
        var done = 0;
        while (true)
        {
            db.ChangeTracker.Clear();
            var batch = await items.OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return done;
            }
            batch.ForEach(change);
            await db.SaveChangesAsync(cancellationToken);
            done += batch.Count;
        }
    }
}
