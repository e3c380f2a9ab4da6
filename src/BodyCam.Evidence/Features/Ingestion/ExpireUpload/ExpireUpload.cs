using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Ingestion;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Ingestion;

public sealed record ExpireUpload(string UploadId) : ICommand;

internal sealed class ExpireUploadHandler(
    EvidenceDb db, IBlobStore store, UploadLocks locks, ICurrentActor caller, PostCommitWork postCommit, TimeProvider clock)
    : ICommandHandler<ExpireUpload>
{
    public async ValueTask<Unit> Handle(ExpireUpload command, CancellationToken cancellationToken)
    {
        await using var writer = await locks.AcquireAsync(command.UploadId, cancellationToken);
        var upload = await db.Uploads.SingleAsync(u => u.Id == command.UploadId, cancellationToken);
        if (upload.Status != UploadStatus.Receiving || upload.ExpiresAt >= clock.GetUtcNow())
        {
            return Unit.Value;
        }
        upload.Expire();
        postCommit.Add(() => store.DiscardStagedBlocksAsync(upload.BlobName, CancellationToken.None));
        db.CustodyEvents.Record(
            CustodyAction.UploadExpired, caller.Actor, upload.EvidenceId,
            reason: $"upload {upload.Id} abandoned at {upload.Offset} of {upload.Length?.ToString() ?? "?"} bytes; staged bytes discarded after expiry at {upload.ExpiresAt:O}");
        return Unit.Value;
    }
}
