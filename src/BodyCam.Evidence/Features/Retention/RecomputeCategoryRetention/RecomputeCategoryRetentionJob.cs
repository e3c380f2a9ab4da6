using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Retention;

/// <summary>
/// A category's retention changed, or a category items already carried became known: every item carrying it gets its
/// retention recomputed, a custody event for each that changed, in batches so that no transaction grows with the archive.
/// </summary>
public sealed class RecomputeCategoryRetentionJob(EvidenceDb db, EvidenceSettings settings, BlobProtection protection, PostCommitWork postCommit)
{
    private const int BatchSize = 500;

    public async Task RunAsync(string categoryId, CancellationToken cancellationToken)
    {
        var actor = Actor.System("category-retention");
        var carrying = await db.EvidenceCategories.AsNoTracking()
            .Where(c => c.CategoryId == categoryId)
            .Select(c => c.EvidenceId)
            .ToListAsync(cancellationToken);
        foreach (var ids in carrying.Chunk(BatchSize))
        {
            db.ChangeTracker.Clear();
            var batch = await db.EvidenceItems.Where(e => ids.Contains(e.Id)).ToListAsync(cancellationToken);
            var categories = (await db.EvidenceCategories.AsNoTracking().Where(c => ids.Contains(c.EvidenceId)).ToListAsync(cancellationToken))
                .ToLookup(c => c.EvidenceId, c => c.CategoryId);
            var before = batch.ToDictionary(e => e.Id, e => e.RetainUntil);
            foreach (var item in batch)
            {
                await db.RecomputeRetentionAsync(item, [.. categories[item.Id]], actor, settings.Retention.DefaultDays, cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            protection.AfterCommit(batch.Where(e => e.RetainUntil != before[e.Id]).Select(e => e.Id));
            await postCommit.RunAsync();
        }
    }
}
