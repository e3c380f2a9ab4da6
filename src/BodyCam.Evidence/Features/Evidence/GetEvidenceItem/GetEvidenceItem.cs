using BodyCam.Evidence.Features.Categories;
using BodyCam.Evidence.Features.Recordings.GetRecording;
using BodyCam.Evidence.Features.Review.AddBookmark;
using BodyCam.Evidence.Features.Review.AddNote;
using BodyCam.Evidence.Features.Review.RecordReview;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Media;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Evidence.GetEvidenceItem;

/// <summary>
/// An item with everything known about it: its record and media, categories, cases, what reviewers added, the
/// recording's bookmarks and GNSS track, and where its poster and content are played from. One indexed read per
/// table, no read per row.
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
    GnssTrackFeature? GnssTrack);

public sealed record ItemCase(string CaseNumber, string Title, string Status, DateTimeOffset LinkedAt, string LinkedBy);

internal sealed class GetEvidenceItemHandler(EvidenceDb db) : IQueryHandler<GetEvidenceItem, EvidenceItemDetails>
{
    public async ValueTask<EvidenceItemDetails> Handle(GetEvidenceItem query, CancellationToken cancellationToken)
    {
        var id = query.EvidenceId;
        var item = await db.EvidenceItems.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no evidence item {id}.");
        var categories = await db.CategoriesOfAsync(id, item.RecordingId, cancellationToken);
        var cases = await db.CaseLinks.AsNoTracking()
            .Where(l => l.EvidenceId == id)
            .Join(db.Cases, l => l.CaseNumber, c => c.CaseNumber, (l, c) => new { Link = l, Case = c })
            .OrderBy(x => x.Link.LinkedAt).ThenBy(x => x.Case.CaseNumber)
            .Select(x => new ItemCase(x.Case.CaseNumber, x.Case.Title, x.Case.Status.ToString(), x.Link.LinkedAt, x.Link.LinkedBy))
            .ToListAsync(cancellationToken);
        var notes = await db.EvidenceNotes.AsNoTracking()
            .Where(n => n.EvidenceId == id)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Select(n => new NoteView(n.Id, n.Text, n.Author, n.CreatedAt))
            .ToListAsync(cancellationToken);
        var bookmarks = (await db.EvidenceBookmarks.AsNoTracking()
            .Where(b => b.EvidenceId == id)
            .OrderBy(b => b.StartSeconds).ThenBy(b => b.Id)
            .ToListAsync(cancellationToken))
            .Select(ReviewerBookmark.Of)
            .ToList();
        var reviews = await db.EvidenceReviews.AsNoTracking()
            .Where(r => r.EvidenceId == id)
            .OrderBy(r => r.ReviewedAt).ThenBy(r => r.Id)
            .Select(r => new ReviewView(r.Id, r.Outcome.ToString(), r.Comment, r.Reviewer, r.ReviewedAt))
            .ToListAsync(cancellationToken);
        IReadOnlyList<BookmarkView> recordingBookmarks = [];
        IReadOnlyList<TrackPoint> track = [];
        if (item.RecordingId is { } recordingId)
        {
            recordingBookmarks = await db.RecordingBookmarksAsync(recordingId, cancellationToken);
            track = await db.GnssTrackAsync(recordingId, cancellationToken);
        }
        var recording = item.Recording;
        return new EvidenceItemDetails(
            item.Id, item.Status.ToString(), item.QuarantineReason, item.Bytes, item.StreamSha256, item.StoredSha256, recording.DeclaredSha256,
            recording.FileName, recording.ContentType, recording.DeviceSerial, recording.OfficerId, item.OfficerUnit, recording.RecordedStart, recording.RecordedEnd,
            recording.Category, item.DockId, item.UploadId, item.ReceivedAt, item.VerifiedAt, item.ProbeStatus.ToString(), item.ProbeFailure,
            item.Media, item.PosterBlobName is not null, item.PosterBlobName is null ? null : $"/api/evidence/{item.Id}/poster", $"/api/evidence/{item.Id}/content",
            item.RecordingId, categories, cases, notes, bookmarks, recordingBookmarks, reviews, GnssTrackFeature.Of(track));
    }
}
