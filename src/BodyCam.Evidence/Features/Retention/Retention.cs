using System.Globalization;
using System.Linq.Expressions;
using BodyCam.Evidence.Domain.Cases;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Retention;

/// <summary>
/// An item is kept for the longest retention of its known categories (indefinitely if any of them says so), or for
/// the configured default when no known category applies; and never disposed while a legal hold covers it or a
/// case it is linked to is open.
/// </summary>
public static class Retention
{
    public static (DateTimeOffset? Until, bool ByDefault) Compute(DateTimeOffset start, IReadOnlyCollection<int?> categoryRetentionDays, int defaultDays) =>
        categoryRetentionDays.Count == 0 ? (start.AddDays(defaultDays), true)
        : categoryRetentionDays.Any(days => days is null) ? (null, false)
        : (start.AddDays(categoryRetentionDays.Max()!.Value), false);

    /// <summary>
    /// Sets the item's retention from <paramref name="categoryIds"/> (its categories as they now are, saved or not) and
    /// describes it; null when it did not change.
    /// </summary>
    public static async Task<string?> SetRetentionAsync(
        this EvidenceDb db, EvidenceItem item, IReadOnlyCollection<string> categoryIds, int defaultDays, CancellationToken cancellationToken)
    {
        var known = await db.Categories.AsNoTracking()
            .Where(c => categoryIds.Contains(c.Id))
            .Select(c => new { c.Id, c.RetentionDays })
            .ToListAsync(cancellationToken);
        var (until, byDefault) = Compute(item.RetentionStart, [.. known.Select(c => c.RetentionDays)], defaultDays);
        if (!item.SetRetention(until, byDefault))
        {
            return null;
        }
        var basis = byDefault ? $"the default of {defaultDays} days (no known category)"
            : $"categories {string.Join(", ", known.Select(c => $"{c.Id} ({Days(c.RetentionDays)})"))}";
        return $"retained {(until is { } end ? "until " + end.ToString("O", CultureInfo.InvariantCulture) : "indefinitely")} by {basis}";
    }

    /// <summary>As <see cref="SetRetentionAsync"/>, for an item already received: a change is a custody event of its own.</summary>
    public static async Task RecomputeRetentionAsync(
        this EvidenceDb db, EvidenceItem item, IReadOnlyCollection<string> categoryIds, Actor actor, int defaultDays, CancellationToken cancellationToken)
    {
        if (await db.SetRetentionAsync(item, categoryIds, defaultDays, cancellationToken) is { } retention)
        {
            db.CustodyEvents.Record(CustodyAction.RetentionChanged, actor, item.Id, item.StreamSha256, reason: retention);
        }
    }

    /// <summary>Items an active legal hold covers: by name, by a case they are linked to, or as an officer's recordings in a time range.</summary>
    public static Expression<Func<EvidenceItem, bool>> UnderLegalHold(EvidenceDb db) => e =>
        db.LegalHolds.Any(h => h.ReleasedAt == null && (
            db.LegalHoldItems.Any(i => i.HoldId == h.Id && i.EvidenceId == e.Id)
            || (h.CaseNumber != null && db.CaseLinks.Any(l => l.CaseNumber == h.CaseNumber && l.EvidenceId == e.Id))
            || (h.OfficerId != null && h.OfficerId == e.Recording.OfficerId
                && (h.From == null || (e.Recording.RecordedEnd ?? e.Recording.RecordedStart ?? e.ReceivedAt) >= h.From)
                && (h.To == null || (e.Recording.RecordedStart ?? e.ReceivedAt) <= h.To))));

    /// <summary>Items no disposition may touch: under a legal hold, or linked to an open case.</summary>
    public static IQueryable<EvidenceItem> WhereProtected(this IQueryable<EvidenceItem> items, EvidenceDb db, bool isProtected = true)
    {
        var held = UnderLegalHold(db);
        Expression<Func<EvidenceItem, bool>> inOpenCase = e =>
            db.CaseLinks.Any(l => l.EvidenceId == e.Id && db.Cases.Any(c => c.CaseNumber == l.CaseNumber && c.Status == CaseStatus.Open));
        var either = Expression.OrElse(held.Body, new ParameterSwap(inOpenCase.Parameters[0], held.Parameters[0]).Visit(inOpenCase.Body));
        return items.Where(Expression.Lambda<Func<EvidenceItem, bool>>(isProtected ? either : Expression.Not(either), held.Parameters));
    }

    /// <summary>Why an item may not be disposed: each active hold and open case that keeps it, in words; empty when none.</summary>
    public static async Task<IReadOnlyList<string>> ProtectionsOfAsync(this EvidenceDb db, Guid evidenceId, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.AsNoTracking().Where(e => e.Id == evidenceId)
            .Select(e => new { e.Recording.OfficerId, e.Recording.RecordedStart, e.Recording.RecordedEnd, e.ReceivedAt })
            .SingleAsync(cancellationToken);
        var start = item.RecordedStart ?? item.ReceivedAt;
        var end = item.RecordedEnd ?? start;
        var holds = await db.LegalHolds.AsNoTracking()
            .Where(h => h.ReleasedAt == null && (
                db.LegalHoldItems.Any(i => i.HoldId == h.Id && i.EvidenceId == evidenceId)
                || (h.CaseNumber != null && db.CaseLinks.Any(l => l.CaseNumber == h.CaseNumber && l.EvidenceId == evidenceId))
                || (h.OfficerId != null && h.OfficerId == item.OfficerId && (h.From == null || end >= h.From) && (h.To == null || start <= h.To))))
            .Select(h => new { h.Id, h.Matter })
            .ToListAsync(cancellationToken);
        var openCases = await db.CaseLinks.AsNoTracking()
            .Where(l => l.EvidenceId == evidenceId && db.Cases.Any(c => c.CaseNumber == l.CaseNumber && c.Status == CaseStatus.Open))
            .Select(l => l.CaseNumber)
            .ToListAsync(cancellationToken);
        return [.. holds.Select(h => $"legal hold {h.Id} ({h.Matter})"), .. openCases.Select(c => $"open case {c}")];
    }

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    private static string Days(int? days) => days is { } d ? $"{d} days" : "indefinite";
}
