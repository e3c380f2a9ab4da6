using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Ingestion;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Features.Ingestion;
using BodyCam.Evidence.Infrastructure.Persistence;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BodyCam.Evidence.Features.StuckWork;

/// <summary>Uploads whose last byte arrived but that never became evidence: a crash between the two.</summary>
internal sealed partial class UncompletedUploadsReconciler(
    EvidenceDb db, IMediator mediator, UploadLocks locks, EvidenceSettings settings, TimeProvider clock, ILogger<UncompletedUploadsReconciler> logger)
    : IStuckWorkReconciler
{
    public string Name => "completion of fully received uploads";

    public async Task<int> ReenqueueStuckAsync(CancellationToken cancellationToken)
    {
        // Every write moves an upload's expiry on by the expiry period, so this is "last written before the grace".
        var idleSince = clock.GetUtcNow() - ReconcileStuckWork.Grace + settings.Ingestion.UploadExpiry;
        var stuck = await db.Uploads.AsNoTracking()
            .Where(u => u.Status == UploadStatus.Receiving && u.Length != null && u.Offset == u.Length && u.ExpiresAt < idleSince)
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        var completed = 0;
        foreach (var uploadId in stuck)
        {
            try
            {
                await using var writer = await locks.AcquireAsync(uploadId, cancellationToken);
                await mediator.Send(new Ingestion.CompleteUpload(uploadId), cancellationToken);
                completed++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNotCompleted(e, uploadId);
            }
        }
        return completed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {UploadId} is fully received but could not be completed; retried next time")]
    private partial void LogNotCompleted(Exception exception, string uploadId);
}

internal sealed class UnverifiedEvidenceReconciler(EvidenceDb db, IBackgroundJobClient jobs, TimeProvider clock) : IStuckWorkReconciler
{
    public string Name => "hash verification";

    public async Task<int> ReenqueueStuckAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - ReconcileStuckWork.Grace;
        var stuck = await db.EvidenceItems.AsNoTracking()
            .Where(e => e.Status == EvidenceStatus.Received && e.ReceivedAt < before)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);
        stuck.ForEach(id => jobs.Enqueue<VerifyEvidenceHashJob>(job => job.RunAsync(id, CancellationToken.None)));
        return stuck.Count;
    }
}

internal sealed class UnprobedEvidenceReconciler(EvidenceDb db, IBackgroundJobClient jobs, TimeProvider clock) : IStuckWorkReconciler
{
    public string Name => "media probing";

    public async Task<int> ReenqueueStuckAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - ReconcileStuckWork.Grace;
        var stuck = await db.EvidenceItems.AsNoTracking()
            .Where(e => e.Status == EvidenceStatus.Verified && e.ProbeStatus == ProbeStatus.Pending && e.VerifiedAt < before)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);
        stuck.ForEach(id => jobs.Enqueue<ProbeEvidenceMediaJob>(job => job.RunAsync(id, CancellationToken.None)));
        return stuck.Count;
    }
}
