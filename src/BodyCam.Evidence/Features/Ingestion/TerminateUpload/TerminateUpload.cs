using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Ingestion;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Infrastructure.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Ingestion;

/// <summary>A dock abandons an upload it started. What was received is discarded; a completed upload is evidence and stays.</summary>
[RequiresRole(Roles.Dock)]
public sealed record TerminateUpload(string UploadId) : ICommand;

internal sealed class TerminateUploadHandler(EvidenceDb db, IBlobStore store, UploadLocks locks, ICurrentActor caller, PostCommitWork postCommit)
    : ICommandHandler<TerminateUpload>
{
    public async ValueTask<Unit> Handle(TerminateUpload command, CancellationToken cancellationToken)
    {
        await using var writer = await locks.AcquireAsync(command.UploadId, cancellationToken);
        var found = await db.FindOwnUploadAsync(command.UploadId, caller, cancellationToken);
        if (found.Status == UploadStatus.Completed)
        {
            throw new ConflictException($"Upload {found.Id} is complete: it is evidence {found.EvidenceId} now and cannot be terminated.");
        }
        var upload = await db.Uploads.SingleAsync(u => u.Id == found.Id, cancellationToken);
        upload.Terminate();
        // Only once the upload is recorded as terminated: a failed commit must not leave a row counting bytes that are gone.
        postCommit.Add(() => store.DiscardStagedBlocksAsync(upload.BlobName, CancellationToken.None));
        db.CustodyEvents.Record(
            CustodyAction.UploadTerminated, caller.Actor, upload.EvidenceId,
            reason: $"upload {upload.Id} terminated by the sender after {upload.Offset} bytes; they were discarded");
        return Unit.Value;
    }
}
