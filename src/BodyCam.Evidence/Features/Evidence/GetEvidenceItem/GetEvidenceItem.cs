using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Features.Recordings;
using BodyCam.Evidence.Features.Review;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>
/// An item with everything known about it: its record and media, categories, cases, what reviewers added, the
/// recording's bookmarks and GNSS track, its retention and the legal holds that keep it, and where its poster and content
/// are played from. Three round trips, all compiled queries: the item, everything attached to it, its retention and holds.
/// </summary>
[RequiresRole(Roles.Officer, Roles.Supervisor, Roles.Custodian, Roles.Auditor)]
public sealed record GetEvidenceItem(Guid EvidenceId) : IQuery<EvidenceItemDetails>, IEvidenceItemMessage;

public sealed record EvidenceItemDetails(
    Guid Id,
    string Status,
    string? QuarantineReason,
    long Bytes,
    string StreamSha256,
    string? StoredSha256,
    string? DeclaredSha256,
    string FileName,
    string ContentType,
    string? DeviceSerial,
    string? OfficerId,
    string? OfficerUnit,
    DateTimeOffset? RecordedStart,
    DateTimeOffset? RecordedEnd,
    string? Category,
    Guid DockId,
    string UploadId,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? VerifiedAt,
    string ProbeStatus,
    string? ProbeFailure,
    MediaFacts Media,
    bool HasPoster,
    string? PosterUrl,
    string ContentUrl,
    Guid? RecordingId,
    IReadOnlyList<CategoryTag> Categories,
    IReadOnlyList<ItemCase> Cases,
    IReadOnlyList<NoteView> Notes,
    IReadOnlyList<ReviewerBookmark> Bookmarks,
    IReadOnlyList<BookmarkView> RecordingBookmarks,
    IReadOnlyList<ReviewView> Reviews,
    GnssTrackFeature? GnssTrack,
    RetentionView Retention);

/// <summary>
/// How long the item is kept (<see cref="RetainUntil"/> null: indefinitely, as a category says), whether the configured
/// default sets it because no known category does, where it stands in disposition, and the active legal holds covering it.
/// </summary>
public sealed record RetentionView(DateTimeOffset? RetainUntil, bool RetainedByDefault, string Disposition, IReadOnlyList<LegalHoldOnItem> LegalHolds);

public sealed record LegalHoldOnItem(Guid Id, string Matter, DateTimeOffset PlacedAt);

public sealed record ItemCase(string CaseNumber, string Title, string Status, DateTimeOffset LinkedAt, string LinkedBy);

internal sealed class GetEvidenceItemHandler(EvidenceDb db) : IQueryHandler<GetEvidenceItem, EvidenceItemDetails>
{
    /// <summary>The columns the answer shows, not the whole row: the recording's extra metadata can be kilobytes.</summary>
    private static readonly CompiledPerModel<Func<EvidenceDb, Guid, CancellationToken, Task<ItemRow?>>> Item = new(() =>
        EF.CompileAsyncQuery((EvidenceDb db, Guid id, CancellationToken _) => db.EvidenceItems.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new ItemRow(
                e.Id, e.Status, e.QuarantineReason, e.Bytes, e.StreamSha256, e.StoredSha256, e.Recording.DeclaredSha256, e.Recording.FileName,
                e.Recording.ContentType, e.Recording.DeviceSerial, e.Recording.OfficerId, e.OfficerUnit, e.Recording.RecordedStart,
                e.Recording.RecordedEnd, e.Recording.Category, e.DockId, e.UploadId, e.ReceivedAt, e.VerifiedAt, e.ProbeStatus, e.ProbeFailure,
                e.Media, e.PosterBlobName, e.RecordingId))
            .FirstOrDefault()));

    /// <summary>
    /// Everything attached to the item, in one round trip: one UNION ALL of seven indexed reads (the recording's camera
    /// bookmarks and GNSS track, categories, cases, notes, reviewer bookmarks, reviews) into one row shape. The camera
    /// bookmarks come first because their branch sets both time columns from real columns: SQLite takes a union
    /// column's converter from the first branch, and a NULL there left it reading stored ticks as a date.
    /// </summary>
    private static readonly CompiledPerModel<Func<EvidenceDb, Guid, Guid?, IAsyncEnumerable<TrailRow>>> Trail = new(() =>
        EF.CompileAsyncQuery((EvidenceDb db, Guid id, Guid? recordingId) =>
            db.Bookmarks.Where(b => b.RecordingId == recordingId).Select(b => new TrailRow
                {
                    Kind = TrailKind.RecordingBookmark, Id = null, Key = b.ObjectName, Text = b.Text, Extra = b.Tags,
                    Category = b.CategoryId, CategoryName = b.CategoryName, Author = null, At = b.StartTime, Until = b.EndTime,
                    Start = null, End = null, Sequence = null, Longitude = null, Latitude = null,
                })
                .Concat(db.GnssPoints.Where(p => p.RecordingId == recordingId).Select(p => new TrailRow
                {
                    Kind = TrailKind.TrackPoint, Id = null, Key = null, Text = null, Extra = null,
                    Category = null, CategoryName = null, Author = null, At = p.Timestamp, Until = null,
                    Start = p.SecondsFromStart, End = null, Sequence = p.Index, Longitude = p.Longitude, Latitude = p.Latitude,
                }))
                .Concat(db.EvidenceCategories.Where(c => c.EvidenceId == id).Select(c => new TrailRow
                {
                    Kind = TrailKind.Category, Id = null, Key = c.CategoryId,
                    Text = db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault(),
                    Extra = db.Bookmarks.Where(b => b.RecordingId == recordingId && b.CategoryId == c.CategoryId).Select(b => b.CategoryName).FirstOrDefault(),
                    Category = null, CategoryName = null, Author = c.AssignedBy, At = c.AssignedAt, Until = null,
                    Start = null, End = null, Sequence = null, Longitude = null, Latitude = null,
                }))
                .Concat(db.CaseLinks.Where(l => l.EvidenceId == id).Join(db.Cases, l => l.CaseNumber, c => c.CaseNumber, (l, c) => new TrailRow
                {
                    Kind = TrailKind.Case, Id = null, Key = c.CaseNumber, Text = c.Title, Extra = c.Status.ToString(),
                    Category = null, CategoryName = null, Author = l.LinkedBy, At = l.LinkedAt, Until = null,
                    Start = null, End = null, Sequence = null, Longitude = null, Latitude = null,
                }))
                .Concat(db.EvidenceNotes.Where(n => n.EvidenceId == id).Select(n => new TrailRow
                {
                    Kind = TrailKind.Note, Id = n.Id, Key = null, Text = n.Text, Extra = null,
                    Category = null, CategoryName = null, Author = n.Author, At = n.CreatedAt, Until = null,
                    Start = null, End = null, Sequence = null, Longitude = null, Latitude = null,
                }))
                .Concat(db.EvidenceBookmarks.Where(b => b.EvidenceId == id).Select(b => new TrailRow
                {
                    Kind = TrailKind.Bookmark, Id = b.Id, Key = null, Text = b.Label, Extra = b.Tags,
                    Category = null, CategoryName = null, Author = b.Author, At = b.CreatedAt, Until = null,
                    Start = b.StartSeconds, End = b.EndSeconds, Sequence = null, Longitude = null, Latitude = null,
                }))
                .Concat(db.EvidenceReviews.Where(r => r.EvidenceId == id).Select(r => new TrailRow
                {
                    Kind = TrailKind.Review, Id = r.Id, Key = r.Outcome.ToString(), Text = null, Extra = r.Comment,
                    Category = null, CategoryName = null, Author = r.Reviewer, At = r.ReviewedAt, Until = null,
                    Start = null, End = null, Sequence = null, Longitude = null, Latitude = null,
                }))
                .AsNoTracking()));

    /// <summary>
    /// The item's retention, then one row per active hold covering it by name, by a case it is linked to, or as its
    /// officer's recording made in the hold's range (the rule of legal hold coverage, from the item's side). Active holds
    /// are few and found by their release index; each test is a primary-key lookup.
    /// </summary>
    private static readonly CompiledPerModel<Func<EvidenceDb, Guid, string?, DateTimeOffset, DateTimeOffset, IAsyncEnumerable<RetentionRow>>> RetentionAndHolds = new(() =>
        EF.CompileAsyncQuery((EvidenceDb db, Guid id, string? officerId, DateTimeOffset start, DateTimeOffset end) =>
            db.EvidenceItems.Where(e => e.Id == id).Select(e => new RetentionRow
                {
                    IsHold = false, Id = e.Id, Matter = null, At = e.RetainUntil, RetainedByDefault = e.RetainedByDefault, Disposition = e.Disposition,
                })
                .Concat(db.LegalHolds.Where(h => h.ReleasedAt == null && (
                        db.LegalHoldItems.Any(i => i.HoldId == h.Id && i.EvidenceId == id)
                        || (h.CaseNumber != null && db.CaseLinks.Any(l => l.CaseNumber == h.CaseNumber && l.EvidenceId == id))
                        || (h.OfficerId != null && h.OfficerId == officerId && (h.From == null || end >= h.From) && (h.To == null || start <= h.To))))
                    .Select(h => new RetentionRow
                    {
                        IsHold = true, Id = h.Id, Matter = h.Matter, At = h.PlacedAt, RetainedByDefault = false, Disposition = null,
                    }))
                .AsNoTracking()));

    public async ValueTask<EvidenceItemDetails> Handle(GetEvidenceItem query, CancellationToken cancellationToken)
    {
        var id = query.EvidenceId;
        var item = await Item.For(db)(db, id, cancellationToken) ?? throw new NotFoundException($"There is no evidence item {id}.");
        List<TrailRow> trail = [];
        await foreach (var row in Trail.For(db)(db, id, item.RecordingId).WithCancellation(cancellationToken))
        {
            trail.Add(row);
        }
        var recordedStart = item.RecordedStart ?? item.ReceivedAt;
        List<RetentionRow> retention = [];
        await foreach (var row in RetentionAndHolds.For(db)(db, id, item.OfficerId, recordedStart, item.RecordedEnd ?? recordedStart).WithCancellation(cancellationToken))
        {
            retention.Add(row);
        }
        var kept = retention.Single(r => !r.IsHold);
        return new EvidenceItemDetails(
            item.Id, item.Status.ToString(), item.QuarantineReason, item.Bytes, item.StreamSha256, item.StoredSha256, item.DeclaredSha256,
            item.FileName, item.ContentType, item.DeviceSerial, item.OfficerId, item.OfficerUnit, item.RecordedStart, item.RecordedEnd,
            item.Category, item.DockId, item.UploadId, item.ReceivedAt, item.VerifiedAt, item.ProbeStatus.ToString(), item.ProbeFailure,
            item.Media, item.PosterBlobName is not null, item.PosterBlobName is null ? null : $"/api/evidence/{item.Id}/poster", $"/api/evidence/{item.Id}/content",
            item.RecordingId,
            [.. trail.Where(r => r.Kind == TrailKind.Category).OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new CategoryTag(r.Key!, r.Text ?? r.Extra, r.Text is not null))],
            [.. trail.Where(r => r.Kind == TrailKind.Case).OrderBy(r => r.At).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new ItemCase(r.Key!, r.Text!, r.Extra!, r.At!.Value, r.Author!))],
            [.. trail.Where(r => r.Kind == TrailKind.Note).OrderBy(r => r.At).ThenBy(r => r.Id)
                .Select(r => new NoteView(r.Id!.Value, r.Text!, r.Author!, r.At!.Value))],
            [.. trail.Where(r => r.Kind == TrailKind.Bookmark).OrderBy(r => r.Start).ThenBy(r => r.Id)
                .Select(r => ReviewerBookmark.Of(r.Id!.Value, r.Start!.Value, r.End, r.Text!, r.Extra, r.Author!, r.At!.Value))],
            [.. trail.Where(r => r.Kind == TrailKind.RecordingBookmark).OrderBy(r => r.At).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new BookmarkView(r.Key!, r.Text!, r.Category, r.CategoryName, r.Extra, r.At, r.Until))],
            [.. trail.Where(r => r.Kind == TrailKind.Review).OrderBy(r => r.At).ThenBy(r => r.Id)
                .Select(r => new ReviewView(r.Id!.Value, r.Key!, r.Extra, r.Author!, r.At!.Value))],
            GnssTrackFeature.Of([.. trail.Where(r => r.Kind == TrailKind.TrackPoint).OrderBy(r => r.Sequence)
                .Select(r => new TrackPoint(r.Longitude!.Value, r.Latitude!.Value, r.Start, r.At))]),
            new RetentionView(kept.At, kept.RetainedByDefault, kept.Disposition!.Value.ToString(),
                [.. retention.Where(r => r.IsHold).OrderBy(r => r.At).ThenBy(r => r.Id).Select(r => new LegalHoldOnItem(r.Id, r.Matter!, r.At!.Value))]));
    }

    private sealed record ItemRow(
        Guid Id,
        EvidenceStatus Status,
        string? QuarantineReason,
        long Bytes,
        string StreamSha256,
        string? StoredSha256,
        string? DeclaredSha256,
        string FileName,
        string ContentType,
        string? DeviceSerial,
        string? OfficerId,
        string? OfficerUnit,
        DateTimeOffset? RecordedStart,
        DateTimeOffset? RecordedEnd,
        string? Category,
        Guid DockId,
        string UploadId,
        DateTimeOffset ReceivedAt,
        DateTimeOffset? VerifiedAt,
        ProbeStatus ProbeStatus,
        string? ProbeFailure,
        MediaFacts Media,
        string? PosterBlobName,
        Guid? RecordingId);

    private enum TrailKind
    {
        Category,
        Case,
        Note,
        Bookmark,
        Review,
        RecordingBookmark,
        TrackPoint,
    }

    /// <summary>
    /// One shape for every kind of row; SQL needs every column on every side of the union, so a member a kind does not
    /// set is NULL there. A kind reads only the members it sets.
    /// </summary>
    private sealed class TrailRow
    {
        public TrailKind Kind { get; init; }
        public Guid? Id { get; init; }
        public string? Key { get; init; }
        public string? Text { get; init; }
        public string? Extra { get; init; }
        public string? Category { get; init; }
        public string? CategoryName { get; init; }
        public string? Author { get; init; }
        public DateTimeOffset? At { get; init; }
        public DateTimeOffset? Until { get; init; }
        public double? Start { get; init; }
        public double? End { get; init; }
        public int? Sequence { get; init; }
        public double? Longitude { get; init; }
        public double? Latitude { get; init; }
    }

    /// <summary>The item's retention (<see cref="At"/> its end) or, with <see cref="IsHold"/>, a hold (<see cref="At"/> when placed).</summary>
    private sealed class RetentionRow
    {
        public bool IsHold { get; init; }
        public Guid Id { get; init; }
        public string? Matter { get; init; }
        public DateTimeOffset? At { get; init; }
        public bool RetainedByDefault { get; init; }
        public DispositionState? Disposition { get; init; }
    }
}
