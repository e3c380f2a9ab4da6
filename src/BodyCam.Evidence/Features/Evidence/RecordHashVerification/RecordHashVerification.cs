using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Telemetry;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>The verify job's finding: the SHA-256 of the bytes the store returned.</summary>
public sealed record RecordHashVerification(Guid EvidenceId, string StoredSha256) : ICommand<EvidenceStatus>;

internal sealed class RecordHashVerificationHandler(
    EvidenceDb db, ICurrentActor caller, PostCommitWork postCommit, IBackgroundJobClient jobs, TimeProvider clock, EvidenceMetrics metrics, BlobProtection protection)
    : ICommandHandler<RecordHashVerification, EvidenceStatus>
{
    public async ValueTask<EvidenceStatus> Handle(RecordHashVerification command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.SingleAsync(e => e.Id == command.EvidenceId, cancellationToken);
        if (item.Status != EvidenceStatus.Received)
        {
            return item.Status;
        }
        if (item.RecordStoredHash(command.StoredSha256, clock.GetUtcNow()))
        {
            db.CustodyEvents.Record(
                CustodyAction.Verified, caller.Actor, item.Id, command.StoredSha256,
                reason: item.Recording.DeclaredSha256 is null
                    ? "stored bytes match the bytes received"
                    : "stored bytes match the bytes received and the sender's declared hash");
            postCommit.Add(() => jobs.Enqueue<ProbeEvidenceMediaJob>(job => job.RunAsync(item.Id, CancellationToken.None)));
            protection.AfterCommit([item.Id]);
        }
        else
        {
            db.CustodyEvents.Record(CustodyAction.Quarantined, caller.Actor, item.Id, command.StoredSha256, reason: item.QuarantineReason, outcome: CustodyOutcome.Failed);
            postCommit.Add(() => metrics.Quarantined("stored_hash"));
        }
        return item.Status;
    }
}
