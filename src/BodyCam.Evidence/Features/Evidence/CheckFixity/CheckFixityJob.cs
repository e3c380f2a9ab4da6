using System.Globalization;
using System.Linq.Expressions;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BodyCam.Evidence.Features.Evidence;

public enum FixityOutcome
{
    Intact,
    Changed,
    Missing,
}

/// <summary>
/// What one check of one item found: the bytes the store returned and their SHA-256 (both null when the blob is
/// missing) against those received, when, and the reason its custody event gives.
/// </summary>
public sealed record FixityFinding(
    Guid EvidenceId, FixityOutcome Outcome, DateTimeOffset CheckedAt, long ReceivedBytes, string ReceivedSha256, long? StoredBytes, string? StoredSha256, string Reason);

/// <summary>What one run found; <see cref="Due"/> counts items still due when it stopped, which for long above zero means the runs cannot keep pace.</summary>
public sealed record FixityRun(int Intact, int Failed, long Bytes, int Due);

/// <summary>
/// Recurring: the stored bytes of every verified item are read back and hashed again at least once per
/// <c>Fixity:Interval</c>, longest unchecked first, until the run's bound in bytes or items. An intact item gets its
/// check time and a <c>FixityChecked</c> custody event, the proof that its bytes were intact that day; a changed or
/// missing blob quarantines the item with a <c>FixityFailed</c> event. Nothing is repaired: a quarantined item waits
/// for a person. Each item is checked and recorded on its own, so a run stopped anywhere resumes with the next. A
/// custodian's check of one item on demand (<c>CheckFixityNow</c>) is the same <see cref="CheckAsync"/>.
/// </summary>
public sealed partial class CheckFixityJob(
    EvidenceDb db, IBlobStore store, EvidenceSettings settings, EvidenceMetrics metrics, TimeProvider clock, ILogger<CheckFixityJob> logger)
{
    private const int BatchSize = 100;

    private static readonly Actor FixityActor = Actor.System(RecurringJobs.Fixity.Id);

    public async Task<FixityRun> RunAsync(CancellationToken cancellationToken)
    {
        var limits = settings.Fixity;
        var dueBefore = clock.GetUtcNow() - limits.Interval;
        var (intact, failed, bytes) = (0, 0, 0L);
        var taken = new HashSet<Guid>();
        while (intact + failed < limits.MaxItemsPerRun)
        {
            var batch = (await DueItems(dueBefore)
                    .OrderBy(e => e.LastFixityCheckAt).ThenBy(e => e.Id)
                    .Select(e => new { e.Id, e.Bytes })
                    .Take(BatchSize)
                    .ToListAsync(cancellationToken))
                .Where(e => taken.Add(e.Id))
                .ToList();
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var item in batch)
            {
                // One item larger than the whole bound is still checked, alone: otherwise it never would be.
                if (intact + failed >= limits.MaxItemsPerRun || (bytes > 0 && bytes + item.Bytes > limits.MaxBytesPerRun))
                {
                    return await EndAsync(intact, failed, bytes, dueBefore, cancellationToken);
                }
                switch ((await CheckAsync(item.Id, FixityActor, dueBefore, cancellationToken))?.Outcome)
                {
                    case FixityOutcome.Intact:
                        intact++;
                        bytes += item.Bytes;
                        break;
                    case FixityOutcome.Changed or FixityOutcome.Missing:
                        failed++;
                        bytes += item.Bytes;
                        break;
                }
            }
        }
        return await EndAsync(intact, failed, bytes, dueBefore, cancellationToken);
    }

    /// <summary>
    /// Re-hashes one item's stored blob, streamed, if the item is still due, and records what was found in one
    /// transaction with its custody event, which names <paramref name="checker"/>: this job, or the custodian who asked.
    /// Idempotent for runs: an item checked since <paramref name="dueBefore"/> is skipped; a custodian's check passes
    /// null, due whenever it was last checked. Null when skipped: not due, or not an item fixity checks (see <see cref="IsDue"/>).
    /// </summary>
    public async Task<FixityFinding?> CheckAsync(Guid evidenceId, Actor checker, DateTimeOffset? dueBefore, CancellationToken cancellationToken)
    {
        var stored = await DueItems(dueBefore).Where(e => e.Id == evidenceId).Select(e => new { e.BlobName }).SingleOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return null;
        }
        var size = await store.GetSizeAsync(stored.BlobName, cancellationToken);
        var found = size is null ? null : await VerifyEvidenceHashJob.HashStoredBlobAsync(store, stored.BlobName, cancellationToken);

        db.ChangeTracker.Clear();
        // Due again, now: the item may have been checked by an overlapping run, or purged, while it was read.
        var item = await db.EvidenceItems.Where(IsDue(dueBefore)).SingleOrDefaultAsync(e => e.Id == evidenceId, cancellationToken);
        if (item is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var outcome = found is null ? FixityOutcome.Missing
            : string.Equals(found, item.StreamSha256, StringComparison.OrdinalIgnoreCase) ? FixityOutcome.Intact
            : FixityOutcome.Changed;
        string reason;
        if (outcome == FixityOutcome.Intact)
        {
            reason = $"fixity: the stored {size} bytes hash to the SHA-256 recorded at receipt; intact on {now.ToString("O", CultureInfo.InvariantCulture)}";
            item.RecordFixityCheck(now);
            db.CustodyEvents.Record(CustodyAction.FixityChecked, checker, item.Id, found, reason: reason);
        }
        else
        {
            reason = outcome == FixityOutcome.Missing
                ? $"fixity check failed: blob {item.BlobName} is missing from the store; item quarantined"
                : $"fixity check failed: the store returned {size} bytes hashing to {found}, but {item.Bytes} bytes hashing to {item.StreamSha256} were received; item quarantined";
            item.FailFixity(reason);
            db.CustodyEvents.Record(CustodyAction.FixityFailed, checker, item.Id, found, reason: reason, outcome: CustodyOutcome.Failed);
        }
        await db.SaveChangesAsync(cancellationToken);

        metrics.FixityChecked(outcome == FixityOutcome.Intact);
        if (outcome != FixityOutcome.Intact)
        {
            metrics.Quarantined("fixity");
            LogFixityFailed(item.Id, outcome);
        }
        return new FixityFinding(item.Id, outcome, now, item.Bytes, item.StreamSha256, size, found, reason);
    }

    private IQueryable<EvidenceItem> DueItems(DateTimeOffset? dueBefore) => db.EvidenceItems.AsNoTracking().Where(IsDue(dueBefore));

    /// <summary>
    /// Verified items whose bytes were last proven intact before <paramref name="dueBefore"/> (null: whenever). Purged
    /// items have no blob, and soft-deleted items past their restore window are the purge's: their blobs may be going
    /// right now. A quarantined item is never checked again: it waits for a person, its blob as found.
    /// </summary>
    private Expression<Func<EvidenceItem, bool>> IsDue(DateTimeOffset? dueBefore)
    {
        var now = clock.GetUtcNow();
        return e => e.Status == EvidenceStatus.Verified
            && e.Disposition != DispositionState.Purged
            && !(e.Disposition == DispositionState.SoftDeleted && e.PurgeAfter <= now)
            && (dueBefore == null || e.LastFixityCheckAt == null || e.LastFixityCheckAt <= dueBefore);
    }

    private async Task<FixityRun> EndAsync(int intact, int failed, long bytes, DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        var due = await DueItems(dueBefore).CountAsync(cancellationToken);
        LogRun(intact, failed, bytes, due);
        return new FixityRun(intact, failed, bytes, due);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fixity run: {Intact} intact, {Failed} failed, {Bytes} bytes read; {Due} items still due")]
    private partial void LogRun(int intact, int failed, long bytes, int due);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fixity check of evidence item {EvidenceId} failed: {Outcome}; the item is quarantined")]
    private partial void LogFixityFailed(Guid evidenceId, FixityOutcome outcome);
}
