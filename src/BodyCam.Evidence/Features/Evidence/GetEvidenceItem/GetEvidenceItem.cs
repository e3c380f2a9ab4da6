using BodyCam.Evidence.Features.Recordings.GetRecording;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Media;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Evidence.GetEvidenceItem;

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
    Guid? RecordingId,
    IReadOnlyList<CategoryTag> Categories,
    IReadOnlyList<TrackPoint> GnssTrack);

internal sealed class GetEvidenceItemHandler(EvidenceDb db) : IQueryHandler<GetEvidenceItem, EvidenceItemDetails>
{
    public async ValueTask<EvidenceItemDetails> Handle(GetEvidenceItem query, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.AsNoTracking().SingleOrDefaultAsync(e => e.Id == query.EvidenceId, cancellationToken)
            ?? throw new NotFoundException($"There is no evidence item {query.EvidenceId}.");
        var recording = item.Recording;
        IReadOnlyList<CategoryTag> categories = [];
        IReadOnlyList<TrackPoint> track = [];
        if (item.RecordingId is { } recordingId)
        {
            categories = await db.RecordingCategoriesAsync(recordingId, cancellationToken);
            track = await db.GnssTrackAsync(recordingId, cancellationToken);
        }
        if (recording.Category is { } sentCategory && categories.All(c => c.Id != sentCategory))
        {
            var known = await db.Categories.AsNoTracking().Where(c => c.Id == sentCategory).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken);
            categories = [.. categories, new CategoryTag(sentCategory, known, known is not null)];
        }
        return new EvidenceItemDetails(
            item.Id, item.Status.ToString(), item.QuarantineReason, item.Bytes, item.StreamSha256, item.StoredSha256, recording.DeclaredSha256,
            recording.FileName, recording.ContentType, recording.DeviceSerial, recording.OfficerId, item.OfficerUnit, recording.RecordedStart, recording.RecordedEnd,
            recording.Category, item.DockId, item.UploadId, item.ReceivedAt, item.VerifiedAt, item.ProbeStatus.ToString(), item.ProbeFailure,
            item.Media, item.PosterBlobName is not null, item.RecordingId, categories, track);
    }
}
