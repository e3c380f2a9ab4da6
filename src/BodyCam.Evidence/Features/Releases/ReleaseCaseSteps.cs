using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>What every step of a release case shares: finding it, its custody events on each item, and its refusals.</summary>
internal static class ReleaseCaseSteps
{
    public static async Task<ReleaseCase> FindReleaseCaseAsync(this EvidenceDb db, Guid caseId, CancellationToken cancellationToken) =>
        await db.ReleaseCases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken)
        ?? throw new NotFoundException($"There is no release case {caseId}.");

    /// <summary>The case's items with their verified hashes, so that each of its custody events names the content it is about.</summary>
    public static async Task<IReadOnlyList<(Guid Id, string? Sha256)>> ReleaseItemsAsync(this EvidenceDb db, Guid caseId, CancellationToken cancellationToken)
    {
        var items = await db.ReleaseCaseItems.Where(i => i.CaseId == caseId)
            .Join(db.EvidenceItems, i => i.EvidenceId, e => e.Id, (i, e) => new { e.Id, e.StreamSha256 })
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return [.. items.Select(i => (i.Id, (string?)i.StreamSha256))];
    }

    /// <summary>One custody event per item of the case: each item's own custody shows what its release went through.</summary>
    public static async Task RecordOnItemsAsync(
        this EvidenceDb db, Guid caseId, CustodyAction action, Actor actor, string reason, CancellationToken cancellationToken)
    {
        foreach (var (id, sha256) in await db.ReleaseItemsAsync(caseId, cancellationToken))
        {
            db.CustodyEvents.Record(action, actor, id, sha256, reason: CustodyEvent.FitReason($"release case {caseId}: {reason}"));
        }
    }

    /// <summary>
    /// Records a refused step on the case's items (or on none, for a case that names none yet) and commits it at once,
    /// then hands back the problem to throw.
    /// </summary>
    public static async Task<RecordedRefusalException> RefuseReleaseAsync(
        this EvidenceDb db, Guid caseId, Actor actor, string attempt, Func<string, RecordedRefusalException> problem, string detail, CancellationToken cancellationToken)
    {
        var items = await db.ReleaseItemsAsync(caseId, cancellationToken);
        var reason = CustodyEvent.FitReason($"release case {caseId}: {attempt} refused: {detail}");
        if (items.Count == 0)
        {
            db.CustodyEvents.Record(CustodyAction.ReleaseRefused, actor, reason: reason, outcome: CustodyOutcome.Denied);
        }
        foreach (var (id, sha256) in items)
        {
            db.CustodyEvents.Record(CustodyAction.ReleaseRefused, actor, id, sha256, reason: reason, outcome: CustodyOutcome.Denied);
        }
        await db.SaveChangesAsync(cancellationToken);
        return problem(detail);
    }
}
