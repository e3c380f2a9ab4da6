using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Recordings;

/// <summary>
/// New facts about a recording, or (with an object name) about one of its objects. A recording's keys are
/// merged into what it had; an object's replace what it had, as Swift does for each.
/// </summary>
[RequiresRole(Roles.Dock)]
public sealed record UpdateRecordingMetadata(string ContainerName, string? ObjectName, IReadOnlyDictionary<string, string> Metadata) : ICommand;

internal sealed class UpdateRecordingMetadataHandler(EvidenceDb db, ICurrentActor caller) : ICommandHandler<UpdateRecordingMetadata>
{
    public async ValueTask<Unit> Handle(UpdateRecordingMetadata command, CancellationToken cancellationToken)
    {
        var recording = await db.FindOwnRecordingAsync(command.ContainerName, caller, cancellationToken);
        if (command.ObjectName is not { } objectName)
        {
            recording.EnsureStillTransferring().MergeMetadata(command.Metadata);
            db.CustodyEvents.Record(CustodyAction.RecordingMetadataUpdated, caller.Actor, reason: "container metadata" + RecordingCustody.Sender(recording));
            return Unit.Value;
        }

        var stored = await db.RecordingObjects
                .Where(o => o.RecordingId == recording.Id && o.Name == objectName)
                .OrderByDescending(o => o.StoredAt)
                .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Recording '{recording.ContainerName}' has no object '{objectName}'.");
        recording.EnsureStillTransferring();
        stored.ReplaceMetadata(command.Metadata);
        db.CustodyEvents.Record(
            CustodyAction.RecordingMetadataUpdated, caller.Actor, stored.EvidenceId, stored.Sha256,
            reason: $"metadata of object '{objectName}'" + RecordingCustody.Sender(recording));
        return Unit.Value;
    }
}
