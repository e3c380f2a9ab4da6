using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>
/// The evidence items the caller may see that match every given filter, newest recording first, from
/// <paramref name="Cursor"/> on. Parameters are kept as the client wrote them, so that the validator names the
/// one that is wrong.
/// </summary>
/// <remarks>
/// A search lists records, not content, so it is not a custody event (an officer's paging would bury the
/// events that matter); a refusal is, as for every message.
/// </remarks>
/// <param name="OfficerId">The recording officer's id, exactly.</param>
/// <param name="Unit">The unit the officer belonged to when recording, exactly.</param>
/// <param name="DeviceSerial">The camera's serial number, exactly.</param>
/// <param name="From">An ISO 8601 instant: items recorded until it or later.</param>
/// <param name="To">An ISO 8601 instant not before <paramref name="From"/>: items recorded from it or earlier.</param>
/// <param name="Category">A category id the item carries, exactly.</param>
/// <param name="CaseNumber">A case the item is linked to, exactly.</param>
/// <param name="Status">Received, Verified or Quarantined, in any case.</param>
/// <param name="Text">Words each of which begins a word of the item's file name, notes, bookmarks, categories or case titles.</param>
/// <param name="Bbox">minLon,minLat,maxLon,maxLat in degrees: items whose GNSS track has a point in the box.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page of the same search.</param>
/// <param name="Limit">Items per page, 1 to 200; 50 when absent.</param>
[RequiresRole(Roles.Officer, Roles.Supervisor, Roles.Custodian, Roles.Auditor)]
public sealed record GetEvidenceItems(
    [FromQuery(Name = "officerId")] string? OfficerId,
    [FromQuery(Name = "unit")] string? Unit,
    [FromQuery(Name = "deviceSerial")] string? DeviceSerial,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "category")] string? Category,
    [FromQuery(Name = "caseNumber")] string? CaseNumber,
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "text")] string? Text,
    [FromQuery(Name = "bbox")] string? Bbox,
    [FromQuery(Name = "cursor")] string? Cursor,
    [FromQuery(Name = "limit")] string? Limit) : IQuery<EvidencePage>;

/// <param name="Items">The page's items, newest recording first.</param>
/// <param name="NextCursor">Continues the same search after <paramref name="Items"/>; null when nothing follows.</param>
public sealed record EvidencePage(IReadOnlyList<EvidenceSummary> Items, string? NextCursor);

/// <summary>
/// One item as a list shows it. <see cref="RecordedAt"/> is what the list is ordered by: the recorded start, or the
/// time received when the sender gave none. <see cref="Categories"/> are the ids of the categories the item carries.
/// </summary>
public sealed record EvidenceSummary(
    Guid Id,
    string Status,
    string FileName,
    string ContentType,
    string? OfficerId,
    string? OfficerUnit,
    string? DeviceSerial,
    DateTimeOffset? RecordedStart,
    DateTimeOffset? RecordedEnd,
    DateTimeOffset RecordedAt,
    DateTimeOffset ReceivedAt,
    long Bytes,
    string StreamSha256,
    double? DurationSeconds,
    bool HasPoster,
    Guid? RecordingId,
    IReadOnlyList<string> Categories);

internal sealed class GetEvidenceItemsHandler(EvidenceDb db, ICurrentActor caller) : IQueryHandler<GetEvidenceItems, EvidencePage>
{
    /// <summary>How many matches of a word or an area are read ahead and the page then looked up by id.</summary>
    internal const int CandidateLimit = 5000;

    public async ValueTask<EvidencePage> Handle(GetEvidenceItems query, CancellationToken cancellationToken)
    {
        var sources = new EvidenceSearchSources(db);
        return await sources.InOneSnapshotAsync(ct => SearchAsync(query, sources, ct), cancellationToken);
    }

    private async Task<EvidencePage> SearchAsync(GetEvidenceItems query, EvidenceSearchSources sources, CancellationToken cancellationToken)
    {
        var filter = EvidenceSearchFilter.Parse(query);
        var after = EvidenceSearchCursor.Parse(query.Cursor, filter);
        var limit = EvidenceSearchFilter.ParseLimit(query.Limit);

        var items = db.EvidenceItems.AsNoTracking().VisibleTo(caller);
        if (filter.OfficerId is { } officerId)
        {
            items = items.Where(e => e.Recording.OfficerId == officerId);
        }
        if (filter.Unit is { } unit)
        {
            items = items.Where(e => e.OfficerUnit == unit);
        }
        if (filter.DeviceSerial is { } deviceSerial)
        {
            items = items.Where(e => e.Recording.DeviceSerial == deviceSerial);
        }
        items = sources.RecordedDuring(items, filter.From, filter.To);
        if (filter.Category is { } category)
        {
            items = items.Where(e => db.EvidenceCategories.Any(c => c.EvidenceId == e.Id && c.CategoryId == category));
        }
        if (filter.CaseNumber is { } caseNumber)
        {
            items = items.Where(e => db.CaseLinks.Any(l => l.EvidenceId == e.Id && l.CaseNumber == caseNumber));
        }
        if (filter.Status is { } status)
        {
            items = items.Where(e => e.Status == status);
        }
        foreach (var word in filter.Words)
        {
            items = await NarrowAsync(items, sources.ItemsMentioning(word), cancellationToken);
        }
        if (filter.Area is { } area)
        {
            var tracked = sources.RecordingsWithTrackBoxMeeting(area)
                .Where(r => db.GnssPoints.Any(p => p.RecordingId == r.Id
                    && p.Longitude >= area.West && p.Longitude <= area.East && p.Latitude >= area.South && p.Latitude <= area.North))
                .Select(r => (Guid?)r.Id);
            items = await NarrowAsync(items, db.EvidenceItems.Where(e => tracked.Contains(e.RecordingId)).Select(e => e.Id), cancellationToken);
        }
        if (after is { } key)
        {
            // The first condition repeats what the second implies so that it bounds the index scan.
            items = items.Where(e => e.RecordedAt <= key.RecordedAt && (e.RecordedAt < key.RecordedAt || e.Id.CompareTo(key.Id) < 0));
        }

        // One item past the page says whether another page follows, without counting.
        var rows = await items
            .OrderByDescending(e => e.RecordedAt).ThenByDescending(e => e.Id)
            .Take(limit + 1)
            .Select(e => new
            {
                e.Id, e.Status, e.Recording.FileName, e.Recording.ContentType, e.Recording.OfficerId, e.OfficerUnit, e.Recording.DeviceSerial,
                e.Recording.RecordedStart, e.Recording.RecordedEnd, e.RecordedAt, e.ReceivedAt, e.Bytes, e.StreamSha256,
                e.Media.DurationSeconds, HasPoster = e.PosterBlobName != null, e.RecordingId,
                Categories = db.EvidenceCategories.Where(c => c.EvidenceId == e.Id).Select(c => c.CategoryId).ToList(),
            })
            .ToListAsync(cancellationToken);
        var next = rows.Count > limit ? EvidenceSearchCursor.After(rows[limit - 1].RecordedAt, rows[limit - 1].Id, filter) : null;
        return new EvidencePage(
            [.. rows.Take(limit).Select(r => new EvidenceSummary(
                r.Id, r.Status.ToString(), r.FileName, r.ContentType, r.OfficerId, r.OfficerUnit, r.DeviceSerial, r.RecordedStart, r.RecordedEnd,
                r.RecordedAt, r.ReceivedAt, r.Bytes, r.StreamSha256, r.DurationSeconds, r.HasPoster, r.RecordingId,
                [.. r.Categories.Order(StringComparer.Ordinal)]))],
            next);
    }

    /// <summary>
    /// Words and areas are matched first, on their own, through their indexes: PostgreSQL cannot tell how many items
    /// such a filter matches, and when it guesses many it walks the whole list newest first looking for a page of
    /// them. Up to <see cref="CandidateLimit"/> matches, the page is read from just those, by id. Beyond it, matches are
    /// common enough that walking the list finds a page soon, and the filter joins the query as a subquery.
    /// </summary>
    private static async Task<IQueryable<EvidenceItem>> NarrowAsync(IQueryable<EvidenceItem> items, IQueryable<Guid> matching, CancellationToken cancellationToken)
    {
        var ids = await matching.Distinct().Take(CandidateLimit + 1).ToListAsync(cancellationToken);
        return ids.Count <= CandidateLimit ? items.Where(e => ids.Contains(e.Id)) : items.Where(e => matching.Contains(e.Id));
    }
}
