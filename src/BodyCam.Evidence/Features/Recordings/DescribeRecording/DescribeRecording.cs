using BodyCam.Evidence.Domain.Recordings;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Recordings.DescribeRecording;

/// <summary>What the sending dock may read back of its own recording: its facts, or one object's metadata.</summary>
[RequiresRole(Roles.Dock)]
public sealed record DescribeRecording(string ContainerName) : IQuery<RecordingDescription>;

[RequiresRole(Roles.Dock)]
public sealed record DescribeRecordingObject(string ContainerName, string ObjectName) : IQuery<IReadOnlyDictionary<string, string>>;

public sealed record RecordingDescription(
    Guid RecordingId, string? OfficerId, string? DeviceSerial, bool Rejected, bool Complete, IReadOnlyDictionary<string, string> Metadata);

internal sealed class DescribeRecordingHandler(EvidenceDb db, ICurrentActor caller)
    : IQueryHandler<DescribeRecording, RecordingDescription>, IQueryHandler<DescribeRecordingObject, IReadOnlyDictionary<string, string>>
{
    public async ValueTask<RecordingDescription> Handle(DescribeRecording query, CancellationToken cancellationToken)
    {
        var recording = await db.FindOwnRecordingAsync(query.ContainerName, caller, cancellationToken);
        return new RecordingDescription(
            recording.Id, recording.OfficerId, recording.DeviceSerial, recording.Rejected, recording.Status == RecordingStatus.Complete, recording.Metadata);
    }

    public async ValueTask<IReadOnlyDictionary<string, string>> Handle(DescribeRecordingObject query, CancellationToken cancellationToken)
    {
        var recording = await db.FindOwnRecordingAsync(query.ContainerName, caller, cancellationToken);
        var stored = await db.RecordingObjects.AsNoTracking()
                .Where(o => o.RecordingId == recording.Id && o.Name == query.ObjectName)
                .OrderByDescending(o => o.StoredAt)
                .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Recording '{query.ContainerName}' has no object '{query.ObjectName}'.");
        return stored.Metadata;
    }
}
