using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Retention;

/// <summary>Recomputes the retention of items whose categories changed in this unit of work, and re-protects their blobs after it commits.</summary>
public sealed class ItemRetention(EvidenceDb db, EvidenceSettings settings, BlobProtection protection)
{
    public async Task RecomputeAsync(Guid evidenceId, IReadOnlySet<string> categories, Actor actor, CancellationToken cancellationToken)
    {
        var item = db.EvidenceItems.Local.FirstOrDefault(e => e.Id == evidenceId)
            ?? await db.EvidenceItems.SingleAsync(e => e.Id == evidenceId, cancellationToken);
        var before = item.RetainUntil;
        await db.RecomputeRetentionAsync(item, [.. categories], actor, settings.Retention.DefaultDays, cancellationToken);
        if (item.RetainUntil != before)
        {
            protection.AfterCommit([item.Id]);
        }
    }
}
