using BodyCam.Evidence.Domain.Recordings;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;

namespace BodyCam.Evidence.Features.Recordings;

/// <summary>What the sending dock may read back of its own recording: its facts and metadata.</summary>
[RequiresRole(Roles.Dock)]
public sealed record GetOwnRecording(string ContainerName) : IQuery<RecordingDescription>;

public sealed record RecordingDescription(
    Guid RecordingId, string? OfficerId, string? DeviceSerial, bool Rejected, bool Complete, IReadOnlyDictionary<string, string> Metadata);

internal sealed class GetOwnRecordingHandler(EvidenceDb db, ICurrentActor caller) : IQueryHandler<GetOwnRecording, RecordingDescription>
{
    public async ValueTask<RecordingDescription> Handle(GetOwnRecording query, CancellationToken cancellationToken)
    {
        var recording = await db.FindOwnRecordingAsync(query.ContainerName, caller, cancellationToken);
        return new RecordingDescription(
            recording.Id, recording.OfficerId, recording.DeviceSerial, recording.Rejected, recording.Status == RecordingStatus.Complete, recording.Metadata);
    }
}
