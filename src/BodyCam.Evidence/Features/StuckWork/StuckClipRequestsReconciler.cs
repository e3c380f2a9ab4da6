using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Infrastructure.Persistence;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.StuckWork;

/// <summary>
/// Clip requests processing for longer than <c>Exports:StuckProcessingAfter</c> whose job Hangfire no longer holds (a
/// wiped in-memory queue, a job deleted by hand): their cut starts over. A request whose recorded job is still queued,
/// scheduled for a retry or running is slow, not lost, and is left alone; so is one the re-enqueued job has taken on,
/// since the job is recorded on the request as it is enqueued.
/// </summary>
internal sealed class StuckClipRequestsReconciler(
    EvidenceDb db, IBackgroundJobClient jobs, JobStorage jobStorage, EvidenceSettings settings, TimeProvider clock) : IStuckWorkReconciler
{
    private static readonly HashSet<string> LiveStates =
        [EnqueuedState.StateName, ScheduledState.StateName, ProcessingState.StateName, AwaitingState.StateName];

    public string Name => "clip requests";

    public async Task<int> ReenqueueStuckAsync(CancellationToken cancellationToken)
    {
        var startedBefore = clock.GetUtcNow() - settings.Exports.StuckProcessingAfter;
        var processing = await db.ClipRequests.AsNoTracking()
            .Where(r => r.Status == ClipRequestStatus.Processing && r.ProcessingStartedAt < startedBefore)
            .Select(r => new { r.Id, r.JobId })
            .ToListAsync(cancellationToken);
        var lost = processing.Where(r => !HasLiveJob(r.JobId)).ToList();
        foreach (var request in lost)
        {
            var jobId = jobs.Enqueue<CutClipJob>(job => job.RunAsync(request.Id, null, CancellationToken.None));
            // Only if nothing moved meanwhile: a request that finished is left as it is (the job just enqueued finds
            // nothing to do), and one the new job has already taken on records that job itself.
            await db.ClipRequests
                .Where(r => r.Id == request.Id && r.Status == ClipRequestStatus.Processing && r.JobId == request.JobId)
                .ExecuteUpdateAsync(update => update.SetProperty(r => r.JobId, jobId), cancellationToken);
        }
        return lost.Count;
    }

    private bool HasLiveJob(string? jobId)
    {
        if (jobId is null)
        {
            return false;
        }
        using var connection = jobStorage.GetConnection();
        return connection.GetJobData(jobId) is { State: { } state } && LiveStates.Contains(state);
    }
}
