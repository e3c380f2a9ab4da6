using System.Globalization;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;

namespace BodyCam.Evidence.Features.Disposition;

internal static class DispositionRules
{
    /// <summary>
    /// Refuses, as a 409 and a committed custody event, any step towards destroying an item that must be kept: still
    /// within retention, kept indefinitely, under a legal hold, linked to an open case, or not verified.
    /// </summary>
    public static async Task EnsureDisposableAsync(this EvidenceDb db, EvidenceItem item, Actor actor, string attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        if (item.Status != EvidenceStatus.Verified)
        {
            reasons.Add($"it is {item.Status}; only verified evidence is disposed, quarantined evidence is kept for investigation");
        }
        if (item.RetainUntil is null)
        {
            reasons.Add("a category keeps it indefinitely");
        }
        else if (!item.RetentionExpired(now))
        {
            reasons.Add($"it is retained until {item.RetainUntil.Value.ToString("O", CultureInfo.InvariantCulture)}");
        }
        reasons.AddRange(await db.ProtectionsOfAsync(item.Id, cancellationToken));
        if (reasons.Count > 0)
        {
            throw await db.RefuseDispositionAsync(item, actor, attempt, string.Join("; ", reasons), cancellationToken);
        }
    }

    public static async Task<RefusedConflictException> RefuseDispositionAsync(
        this EvidenceDb db, EvidenceItem item, Actor actor, string attempt, string why, CancellationToken cancellationToken)
    {
        db.CustodyEvents.Record(CustodyAction.DispositionRefused, actor, item.Id, item.StreamSha256, reason: $"{attempt} refused: {why}", outcome: CustodyOutcome.Denied);
        await db.SaveChangesAsync(cancellationToken);
        return new RefusedConflictException($"Evidence {item.Id} may not be destroyed: {why}.");
    }
}
