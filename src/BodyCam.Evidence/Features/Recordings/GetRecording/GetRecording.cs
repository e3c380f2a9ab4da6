using BodyCam.Evidence.Domain.Recordings;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Recordings;

/// <summary>A recording as one unit: its segments (`clips`) in the order they were recorded, its GNSS track, bookmarks and categories.</summary>
[RequiresRole(Roles.Custodian)]
public sealed record GetRecording(Guid RecordingId) : IQuery<RecordingDetails>;

public sealed record RecordingDetails(
    Guid Id,
    string ContainerName,
    string? OfficerId,
    string? DeviceSerial,
    string? ScuSerial,
    DateTimeOffset? TriggerOnTime,
    string Status,
    bool Rejected,
    string? RejectedReason,
    string? OriginalContainer,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<RecordingSegment> Clips,
    IReadOnlyList<TrackPoint> GnssTrack,
    IReadOnlyList<BookmarkView> Bookmarks,
    IReadOnlyList<CategoryTag> Categories,
    IReadOnlyList<ObjectView> Objects);

public sealed record RecordingSegment(Guid EvidenceId, string ObjectName, string Status, DateTimeOffset? StartTime, DateTimeOffset? StopTime, long Bytes, string Sha256);

public sealed record TrackPoint(double Longitude, double Latitude, double? SecondsFromStart, DateTimeOffset? Timestamp);

public sealed record BookmarkView(string ObjectName, string Text, string? CategoryId, string? CategoryName, string? Tags, DateTimeOffset? StartTime, DateTimeOffset? EndTime);

/// <summary>A category as a recording carries it; <see cref="Known"/> is false for one not (or no longer) on the agency's list.</summary>
public sealed record CategoryTag(string Id, string? Name, bool Known);

public sealed record ObjectView(string Name, string Kind, long Bytes, string Sha256, Guid? EvidenceId, DateTimeOffset StoredAt);

internal sealed class GetRecordingHandler(EvidenceDb db) : IQueryHandler<GetRecording, RecordingDetails>
{
    public async ValueTask<RecordingDetails> Handle(GetRecording query, CancellationToken cancellationToken)
    {
        var recording = await db.Recordings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.RecordingId, cancellationToken)
            ?? throw new NotFoundException($"There is no recording {query.RecordingId}.");
        var segments = await db.EvidenceItems.AsNoTracking()
            .Where(e => e.RecordingId == recording.Id)
            .OrderBy(e => e.Recording.RecordedStart).ThenBy(e => e.Recording.FileName)
            .Select(e => new RecordingSegment(e.Id, e.Recording.FileName, e.Status.ToString(), e.Recording.RecordedStart, e.Recording.RecordedEnd, e.Bytes, e.StreamSha256))
            .ToListAsync(cancellationToken);
        var objects = await db.RecordingObjects.AsNoTracking()
            .Where(o => o.RecordingId == recording.Id)
            .OrderBy(o => o.StoredAt)
            .Select(o => new ObjectView(o.Name, RecordingObjectKinds.Name(o.Kind), o.Bytes, o.Sha256, o.EvidenceId, o.StoredAt))
            .ToListAsync(cancellationToken);
        return new RecordingDetails(
            recording.Id, recording.ContainerName, recording.OfficerId, recording.DeviceSerial, recording.ScuSerial, recording.TriggerOnTime,
            recording.Status.ToString(), recording.Rejected, recording.RejectedReason, recording.OriginalContainer, recording.Metadata,
            segments, await db.GnssTrackAsync(recording.Id, cancellationToken), await db.RecordingBookmarksAsync(recording.Id, cancellationToken),
            await db.RecordingCategoriesAsync(recording.Id, cancellationToken), objects);
    }
}

public static class RecordingReads
{
    public static async Task<IReadOnlyList<TrackPoint>> GnssTrackAsync(this EvidenceDb db, Guid recordingId, CancellationToken cancellationToken) =>
        await db.GnssPoints.AsNoTracking()
            .Where(p => p.RecordingId == recordingId)
            .OrderBy(p => p.Index)
            .Select(p => new TrackPoint(p.Longitude, p.Latitude, p.SecondsFromStart, p.Timestamp))
            .ToListAsync(cancellationToken);

    public static async Task<IReadOnlyList<BookmarkView>> RecordingBookmarksAsync(this EvidenceDb db, Guid recordingId, CancellationToken cancellationToken) =>
        await db.Bookmarks.AsNoTracking()
            .Where(b => b.RecordingId == recordingId)
            .OrderBy(b => b.StartTime).ThenBy(b => b.ObjectName)
            .Select(b => new BookmarkView(b.ObjectName, b.Text, b.CategoryId, b.CategoryName, b.Tags, b.StartTime, b.EndTime))
            .ToListAsync(cancellationToken);

    /// <summary>The categories the recording's bookmarks name, each once, with the agency's name for it when it knows the id.</summary>
    public static async Task<IReadOnlyList<CategoryTag>> RecordingCategoriesAsync(this EvidenceDb db, Guid recordingId, CancellationToken cancellationToken)
    {
        var named = await db.Bookmarks.AsNoTracking()
            .Where(b => b.RecordingId == recordingId && b.CategoryId != null)
            .Select(b => new { Id = b.CategoryId!, b.CategoryName })
            .ToListAsync(cancellationToken);
        var ids = named.Select(b => b.Id).Distinct().ToList();
        var known = await db.Categories.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        return [.. ids.Order(StringComparer.Ordinal).Select(id => new CategoryTag(
            id, known.GetValueOrDefault(id) ?? named.First(b => b.Id == id).CategoryName, known.ContainsKey(id)))];
    }
}
