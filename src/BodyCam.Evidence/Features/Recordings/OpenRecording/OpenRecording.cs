using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Recordings;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Recordings.OpenRecording;

/// <summary>
/// A body worn system starts sending a recording. Its user and camera must be known here, or it can never be
/// filed (400: the system keeps it and shows it as not transferred). Content the system itself rejected is
/// always taken in, whoever and whatever it names. Opening a recording again updates its facts.
/// </summary>
[RequiresRole(Roles.Dock)]
public sealed record OpenRecording(
    string ContainerName, Guid? AxisUserId, string? DeviceSerial, DateTimeOffset? TriggerOnTime, bool Rejected, IReadOnlyDictionary<string, string> Metadata)
    : ICommand<OpenedRecording>;

public sealed record OpenedRecording(Guid RecordingId, bool Created);

internal sealed class OpenRecordingHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<OpenRecording, OpenedRecording>
{
    public async ValueTask<OpenedRecording> Handle(OpenRecording command, CancellationToken cancellationToken)
    {
        var dockId = Guid.Parse(caller.Actor.Id);
        var existing = await db.Recordings.SingleOrDefaultAsync(r => r.DockId == dockId && r.ContainerName == command.ContainerName, cancellationToken);
        if (existing is not null)
        {
            existing.EnsureStillTransferring().MergeMetadata(command.Metadata);
            db.CustodyEvents.Record(CustodyAction.RecordingMetadataUpdated, caller.Actor, reason: "container metadata" + RecordingCustody.Sender(existing));
            return new OpenedRecording(existing.Id, Created: false);
        }

        var officerId = command.Rejected ? await OfficerOfAsync(command.AxisUserId, cancellationToken) : await KnownOfficerAsync(command.AxisUserId, cancellationToken);
        if (!command.Rejected && !await db.Cameras.AnyAsync(c => c.Serial == command.DeviceSerial, cancellationToken))
        {
            throw RequestValidationException.For("BWCSerialNumber", $"No camera {command.DeviceSerial} is registered; register it under Devices/ first.");
        }
        var recording = Recording.Open(
            dockId, command.ContainerName, officerId, command.DeviceSerial, command.TriggerOnTime, command.Rejected, command.Metadata, clock.GetUtcNow());
        db.Recordings.Add(recording);
        db.CustodyEvents.Record(
            CustodyAction.RecordingOpened, caller.Actor,
            reason: $"officer {officerId ?? "unknown"}, camera {command.DeviceSerial ?? "unknown"}, triggered {command.TriggerOnTime:O}" + RecordingCustody.Sender(recording));
        return new OpenedRecording(recording.Id, Created: true);
    }

    private async Task<string> KnownOfficerAsync(Guid? axisUserId, CancellationToken cancellationToken) =>
        await OfficerOfAsync(axisUserId, cancellationToken)
            ?? throw RequestValidationException.For("UserID", $"No user {axisUserId} is registered; register it under Users/ first.");

    private async Task<string?> OfficerOfAsync(Guid? axisUserId, CancellationToken cancellationToken) =>
        axisUserId is null
            ? null
            : await db.Officers.Where(o => o.AxisUserId == axisUserId).Select(o => o.OfficerId).SingleOrDefaultAsync(cancellationToken);
}
