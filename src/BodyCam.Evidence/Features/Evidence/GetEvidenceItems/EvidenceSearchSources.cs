using System.Data;
using System.Diagnostics;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Recordings;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>
/// The parts of a search each database answers its own way. PostgreSQL answers from the full-text (GIN) and
/// GiST expression indexes written by hand in its InitialCreate migration, so
/// its SQL here repeats those indexes' expressions exactly: any other spelling and it scans. SQLite, the embedded
/// profile of small agencies, compares columns and matches words with <c>LIKE</c> (a substring, case-insensitive
/// for ASCII letters only), which at its size needs no index.
/// </summary>
internal sealed class EvidenceSearchSources(EvidenceDb db)
{
    // Stored text is split into words as EvidenceSearchFilter.TryParseText splits the search's text.
    private const string FileNameWords = "to_tsvector('simple', regexp_replace(recording_file_name, '[^[:alnum:]]+', ' ', 'g'))";
    private const string NoteWords = "to_tsvector('simple', regexp_replace(\"text\", '[^[:alnum:]]+', ' ', 'g'))";
    private const string ReviewBookmarkWords =
        "to_tsvector('simple', regexp_replace(label || ' ' || coalesce(tags, ''), '[^[:alnum:]]+', ' ', 'g'))";
    private const string AxisBookmarkWords =
        "to_tsvector('simple', regexp_replace(\"text\" || ' ' || coalesce(tags, '') || ' ' || coalesce(category_id, '') || ' ' || coalesce(category_name, ''), '[^[:alnum:]]+', ' ', 'g'))";
    private const string CategoryWords = "to_tsvector('simple', regexp_replace(id || ' ' || name, '[^[:alnum:]]+', ' ', 'g'))";
    private const string CaseTitleWords = "to_tsvector('simple', regexp_replace(title, '[^[:alnum:]]+', ' ', 'g'))";
    private const string BeginsWord = " @@ to_tsquery('simple', {0})";
    private const string TrackBox = "box(point(track_west, track_south), point(track_east, track_north))";

    private readonly bool _postgres = db.Database.IsNpgsql();

    /// <summary>
    /// Runs a search's queries (matches first, then the page) on PostgreSQL in one read-only snapshot, so that they
    /// agree, and without parallel workers or JIT compilation. A search reads a few hundred rows at most, and both cost
    /// more to start than that (measured on a 1M-item database: 35 ms to compile, up to 300 ms to start workers on a
    /// busy machine), but the planner, overestimating what a word or a track's points cost to match, would choose them.
    /// </summary>
    public async Task<T> InOneSnapshotAsync<T>(Func<CancellationToken, Task<T>> search, CancellationToken cancellationToken)
    {
        if (!_postgres)
        {
            return await search(cancellationToken);
        }
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await db.Database.ExecuteSqlRawAsync(
                "SET TRANSACTION READ ONLY; SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0", ct);
            var result = await search(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// The items whose recorded span overlaps [from, to], either end open when absent. The plain comparisons bound
    /// a scan of the ordered btree indexes; PostgreSQL also gets the overlap as a range, which its GiST index answers
    /// however few items a narrow window holds. (The range joins by id: EF names the complex property's columns
    /// wrongly when a whole item is read from SQL of its own.)
    /// </summary>
    public IQueryable<EvidenceItem> RecordedDuring(IQueryable<EvidenceItem> items, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } after)
        {
            items = items.Where(e => e.RecordedUntil >= after);
        }
        if (to is { } before)
        {
            items = items.Where(e => e.RecordedAt <= before);
        }
        if (!_postgres || (from is null && to is null))
        {
            return items;
        }
        var overlapping = (from, to) switch
        {
            ({ } start, { } end) => db.EvidenceItems.FromSql(
                $"SELECT * FROM evidence_items WHERE tstzrange(recorded_at, recorded_until, '[]') && tstzrange({start}, {end}, '[]')"),
            ({ } start, null) => db.EvidenceItems.FromSql(
                $"SELECT * FROM evidence_items WHERE tstzrange(recorded_at, recorded_until, '[]') && tstzrange({start}, NULL, '[]')"),
            (null, { } end) => db.EvidenceItems.FromSql(
                $"SELECT * FROM evidence_items WHERE tstzrange(recorded_at, recorded_until, '[]') && tstzrange(NULL, {end}, '[]')"),
            _ => throw new UnreachableException(),
        };
        var ids = overlapping.Select(e => e.Id);
        return items.Where(e => ids.Contains(e.Id));
    }

    /// <summary>Recordings whose track's bounding box meets the area: the candidates whose points are then checked.</summary>
    public IQueryable<Recording> RecordingsWithTrackBoxMeeting(GeoBox area) =>
        _postgres
            ? db.Recordings.FromSqlRaw(
                "SELECT * FROM recordings WHERE " + TrackBox + " && box(point({0}, {1}), point({2}, {3}))", area.West, area.South, area.East, area.North)
            : db.Recordings.Where(r => r.TrackWest <= area.East && r.TrackEast >= area.West && r.TrackSouth <= area.North && r.TrackNorth >= area.South);

    /// <summary>
    /// The ids of the items in whose file name, notes, reviewers' bookmarks, Axis bookmarks (text, tags and category),
    /// categories (by the id or name the agency's list gives them) or linked cases' titles a word begins with
    /// <paramref name="word"/>; an id may come more than once.
    /// </summary>
    public IQueryable<Guid> ItemsMentioning(string word) => _postgres ? PostgresItemsMentioning(word + ":*") : SqliteItemsMentioning($"%{word}%");

    private IQueryable<Guid> PostgresItemsMentioning(string prefix) =>
        db.EvidenceItems.FromSqlRaw("SELECT * FROM evidence_items WHERE " + FileNameWords + BeginsWord, prefix).Select(e => e.Id)
            .Concat(db.EvidenceNotes.FromSqlRaw("SELECT * FROM evidence_notes WHERE " + NoteWords + BeginsWord, prefix).Select(n => n.EvidenceId))
            .Concat(db.EvidenceBookmarks.FromSqlRaw("SELECT * FROM evidence_bookmarks WHERE " + ReviewBookmarkWords + BeginsWord, prefix).Select(b => b.EvidenceId))
            .Concat(
                from bookmark in db.Bookmarks.FromSqlRaw("SELECT * FROM bookmarks WHERE " + AxisBookmarkWords + BeginsWord, prefix)
                join item in db.EvidenceItems on (Guid?)bookmark.RecordingId equals item.RecordingId
                select item.Id)
            .Concat(
                from category in db.Categories.FromSqlRaw("SELECT * FROM categories WHERE " + CategoryWords + BeginsWord, prefix)
                join carried in db.EvidenceCategories on category.Id equals carried.CategoryId
                select carried.EvidenceId)
            .Concat(
                from @case in db.Cases.FromSqlRaw("SELECT * FROM cases WHERE " + CaseTitleWords + BeginsWord, prefix)
                join link in db.CaseLinks on @case.CaseNumber equals link.CaseNumber
                select link.EvidenceId);

    private IQueryable<Guid> SqliteItemsMentioning(string pattern) =>
        db.EvidenceItems.Where(e => EF.Functions.Like(e.Recording.FileName, pattern)).Select(e => e.Id)
            .Concat(db.EvidenceNotes.Where(n => EF.Functions.Like(n.Text, pattern)).Select(n => n.EvidenceId))
            .Concat(db.EvidenceBookmarks.Where(b => EF.Functions.Like(b.Label, pattern) || EF.Functions.Like(b.Tags, pattern)).Select(b => b.EvidenceId))
            .Concat(
                from bookmark in db.Bookmarks
                where EF.Functions.Like(bookmark.Text, pattern) || EF.Functions.Like(bookmark.Tags, pattern)
                    || EF.Functions.Like(bookmark.CategoryId, pattern) || EF.Functions.Like(bookmark.CategoryName, pattern)
                join item in db.EvidenceItems on (Guid?)bookmark.RecordingId equals item.RecordingId
                select item.Id)
            .Concat(
                from category in db.Categories
                where EF.Functions.Like(category.Id, pattern) || EF.Functions.Like(category.Name, pattern)
                join carried in db.EvidenceCategories on category.Id equals carried.CategoryId
                select carried.EvidenceId)
            .Concat(
                from @case in db.Cases
                where EF.Functions.Like(@case.Title, pattern)
                join link in db.CaseLinks on @case.CaseNumber equals link.CaseNumber
                select link.EvidenceId);
}
