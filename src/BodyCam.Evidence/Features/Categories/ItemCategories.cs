using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Review;
using BodyCam.Evidence.Features.Recordings;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Categories;

/// <summary>
/// The one way an evidence item's categories change, whoever changes them: the upload's <c>category</c> at receipt,
/// a camera's bookmark, a person's choice. Each item whose set changes gets a <see cref="CustodyAction.CategoriesAssigned"/>
/// event listing old → new. Retention follows an item's categories, so it is recomputed here, for every source at once.
/// </summary>
internal static class ItemCategories
{
    public static async Task ChangeAsync(
        this EvidenceDb db,
        IReadOnlyCollection<Guid> evidenceIds,
        Func<IReadOnlySet<string>, IReadOnlySet<string>> change,
        Actor actor,
        DateTimeOffset now,
        string source,
        ItemRetention retention,
        CancellationToken cancellationToken)
    {
        if (evidenceIds.Count == 0)
        {
            return;
        }
        await db.LockEvidenceItemsAsync(evidenceIds, cancellationToken);
        var rows = await db.EvidenceCategories.Where(c => evidenceIds.Contains(c.EvidenceId)).ToListAsync(cancellationToken);
        foreach (var evidenceId in evidenceIds)
        {
            var carried = rows.Where(c => c.EvidenceId == evidenceId).ToList();
            var before = carried.Select(c => c.CategoryId).ToHashSet(StringComparer.Ordinal);
            var after = change(before);
            if (after.SetEquals(before))
            {
                continue;
            }
            db.EvidenceCategories.RemoveRange(carried.Where(c => !after.Contains(c.CategoryId)));
            db.EvidenceCategories.AddRange(after.Except(before).Select(id => EvidenceCategory.Assign(evidenceId, id, actor.Id, now)));
            db.CustodyEvents.Record(
                CustodyAction.CategoriesAssigned, actor, evidenceId,
                reason: CustodyEvent.FitReason($"categories {List(before)} → {List(after)}; {source}"));
            await retention.RecomputeAsync(evidenceId, after, actor, cancellationToken);
        }
    }

    /// <summary>A change that keeps what an item carries and adds <paramref name="categories"/>.</summary>
    public static Func<IReadOnlySet<string>, IReadOnlySet<string>> Adding(IEnumerable<string> categories) =>
        carried => carried.Union(categories, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);

    /// <summary>Categories with the agency's name for each, or else the name the camera sent with it.</summary>
    public static async Task<IReadOnlyList<CategoryTag>> NameCategoriesAsync(
        this EvidenceDb db, IReadOnlySet<string> categoryIds, Guid? recordingId, CancellationToken cancellationToken)
    {
        var ids = categoryIds.ToList();
        var known = await db.Categories.AsNoTracking().Where(k => ids.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Name, cancellationToken);
        var unknown = categoryIds.Except(known.Keys).ToList();
        var sent = unknown.Count == 0 || recordingId is null
            ? []
            : (await db.Bookmarks.AsNoTracking()
                .Where(b => b.RecordingId == recordingId && unknown.Contains(b.CategoryId!))
                .Select(b => new { Id = b.CategoryId!, b.CategoryName })
                .ToListAsync(cancellationToken))
                .DistinctBy(b => b.Id)
                .ToDictionary(b => b.Id, b => b.CategoryName);
        return [.. categoryIds.Order(StringComparer.Ordinal).Select(id => new CategoryTag(id, known.GetValueOrDefault(id) ?? sent.GetValueOrDefault(id), known.ContainsKey(id)))];
    }

    /// <summary>The categories a recording's bookmarks name: a camera's categories belong to every segment of its recording.</summary>
    public static async Task<IReadOnlySet<string>> CameraCategoriesAsync(this EvidenceDb db, Guid recordingId, CancellationToken cancellationToken) =>
        (await db.Bookmarks.AsNoTracking()
            .Where(b => b.RecordingId == recordingId && b.CategoryId != null)
            .Select(b => b.CategoryId!)
            .Distinct()
            .ToListAsync(cancellationToken))
        .ToHashSet(StringComparer.Ordinal);

    private static string List(IReadOnlySet<string> categories) =>
        categories.Count == 0 ? "(none)" : string.Join(", ", categories.Order(StringComparer.Ordinal));
}
