using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Ingestion;
using BodyCam.Evidence.Domain.Recordings;
using BodyCam.Evidence.Infrastructure.Hashing;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Ingestion;

/// <summary>
/// A dock announces a recording's file: its facts, read by the protocol that carried them, and its length unless
/// that is not known yet. A segment of a recording a body worn system sends names that recording; a segment the
/// system itself rejected is taken in whatever facts it lacks. <see cref="MetadataHeader"/> is tus's
/// Upload-Metadata as sent, kept only to be given back when the sender asks where its upload stands.
/// </summary>
[RequiresRole(Roles.Dock)]
public sealed record BeginUpload(
    long? Length, RecordingFacts Recording, string? MetadataHeader = null, Guid? RecordingId = null, bool RejectedContent = false)
    : ICommand<BegunUpload>;

public sealed record BegunUpload(string UploadId, Guid EvidenceId, DateTimeOffset ExpiresAt);

internal sealed class BeginUploadHandler(EvidenceDb db, ICurrentActor caller, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<BeginUpload, BegunUpload>
{
    public async ValueTask<BegunUpload> Handle(BeginUpload command, CancellationToken cancellationToken)
    {
        if (command.Length > settings.Ingestion.MaxUploadBytes)
        {
            throw new PayloadTooLargeException($"The upload is {command.Length} bytes; this server takes at most {settings.Ingestion.MaxUploadBytes}.");
        }
        var recording = command.Recording;
        var dockId = Guid.Parse(caller.Actor.Id);
        if (command.RecordingId is { } recordingId
            && !await db.Recordings.AnyAsync(r => r.Id == recordingId && r.DockId == dockId && r.Status == RecordingStatus.Transferring, cancellationToken))
        {
            throw new ConflictException($"Recording {recordingId} is not one this dock is sending.");
        }
        var upload = Upload.Begin(
            dockId, recording, command.MetadataHeader, command.Length, ResumableSha256.Create().SaveState(), clock.GetUtcNow(), settings.Ingestion.UploadExpiry,
            command.RecordingId, command.RejectedContent);
        db.Uploads.Add(upload);
        db.CustodyEvents.Record(
            CustodyAction.UploadStarted,
            caller.Actor,
            upload.EvidenceId,
            reason: $"upload {upload.Id}: '{recording.FileName}' from device {recording.DeviceSerial}, officer {recording.OfficerId}, "
                + (command.Length is { } length ? $"{length} bytes" : "length deferred"));
        return new BegunUpload(upload.Id, upload.EvidenceId, upload.ExpiresAt);
    }
}
