using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Ingestion;
using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;

namespace BodyCam.Evidence.Features.Ingestion.BeginUpload;

/// <summary>A dock announces a recording: its facts, and its length unless that is not known yet.</summary>
[RequiresRole(Roles.Dock)]
public sealed record BeginUpload(long? Length, IReadOnlyDictionary<string, string> Metadata, string? MetadataHeader) : ICommand<BegunUpload>;

public sealed record BegunUpload(string UploadId, Guid EvidenceId, DateTimeOffset ExpiresAt);

internal sealed class BeginUploadHandler(EvidenceDb db, ICurrentActor caller, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<BeginUpload, BegunUpload>
{
    public ValueTask<BegunUpload> Handle(BeginUpload command, CancellationToken cancellationToken)
    {
        if (command.Length > settings.Ingestion.MaxUploadBytes)
        {
            throw new PayloadTooLargeException($"The upload is {command.Length} bytes; this server takes at most {settings.Ingestion.MaxUploadBytes}.");
        }
        var recording = RecordingMetadata.ToFacts(command.Metadata);
        var upload = Upload.Begin(
            Guid.Parse(caller.Actor.Id), recording, command.MetadataHeader, command.Length, clock.GetUtcNow(), settings.Ingestion.UploadExpiry);
        db.Uploads.Add(upload);
        db.CustodyEvents.Record(
            CustodyAction.UploadStarted,
            caller.Actor,
            upload.EvidenceId,
            reason: $"upload {upload.Id}: '{recording.FileName}' from device {recording.DeviceSerial}, officer {recording.OfficerId}, "
                + (command.Length is { } length ? $"{length} bytes" : "length deferred"));
        return ValueTask.FromResult(new BegunUpload(upload.Id, upload.EvidenceId, upload.ExpiresAt));
    }
}
