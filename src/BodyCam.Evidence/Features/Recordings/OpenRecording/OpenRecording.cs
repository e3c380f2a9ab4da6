using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Recordings;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Recordings;

/// <summary>
/// A body worn system starts sending a recording. Its user and camera must be ones it registered here, or it can
/// never be filed (400: the system keeps it and shows it as not transferred). A user or camera no dock owns is
/// refused too until a system registers it and so takes it over: only a registration records the takeover. Content the system itself rejected is
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

        var officerId = command.Rejected
            ? await OfficerOfAsync(command.AxisUserId, dockId, cancellationToken)
            : await KnownOfficerAsync(command.AxisUserId, dockId, cancellationToken);
        if (!command.Rejected && !await db.Cameras.AnyAsync(c => c.Serial == command.DeviceSerial && c.DockId == dockId, cancellationToken))
        {
            throw RequestValidationException.For("BWCSerialNumber", $"No camera {command.DeviceSerial} is registered by this system; register it under Devices/ first.");
        }
        var recording = Recording.Open(
            dockId, command.ContainerName, officerId, command.DeviceSerial, command.TriggerOnTime, command.Rejected, command.Metadata, clock.GetUtcNow());
        db.Recordings.Add(recording);
        db.CustodyEvents.Record(
            CustodyAction.RecordingOpened, caller.Actor,
            reason: $"officer {officerId ?? "unknown"}, camera {command.DeviceSerial ?? "unknown"}, triggered {command.TriggerOnTime:O}" + RecordingCustody.Sender(recording));
        return new OpenedRecording(recording.Id, Created: true);
    }

    private async Task<string> KnownOfficerAsync(Guid? axisUserId, Guid dockId, CancellationToken cancellationToken) =>
        await OfficerOfAsync(axisUserId, dockId, cancellationToken)
            ?? throw RequestValidationException.For("UserID", $"No user {axisUserId} is registered by this system; register it under Users/ first.");

    /// <summary>A system's recordings are filed only under the users it registered itself, never under another system's.</summary>
    private async Task<string?> OfficerOfAsync(Guid? axisUserId, Guid dockId, CancellationToken cancellationToken) =>
        axisUserId is null
            ? null
            : await db.Officers.Where(o => o.AxisUserId == axisUserId && o.DockId == dockId).Select(o => o.OfficerId).SingleOrDefaultAsync(cancellationToken);
}
