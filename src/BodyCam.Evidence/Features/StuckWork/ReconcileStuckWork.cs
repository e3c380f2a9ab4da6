using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BodyCam.Evidence.Features.StuckWork;

/// <summary>
/// One kind of pipeline work that can get stuck: it finds items the database says are waiting for a job and
/// enqueues that job again. Jobs are idempotent, so enqueuing work that is in fact still queued costs only time.
/// </summary>
public interface IStuckWorkReconciler
{
    string Name { get; }

    Task<int> ReenqueueStuckAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The database is the source of truth for pipeline state and Hangfire only the executor: this recurring job
/// asks every reconciler to re-enqueue what is stuck, so a lost or wiped queue loses nothing.
/// </summary>
public sealed partial class ReconcileStuckWork(IEnumerable<IStuckWorkReconciler> reconcilers, ILogger<ReconcileStuckWork> logger)
{
    /// <summary>
    /// How long work may wait before reconciliation assumes its job was lost. Longer than a queued job normally
    /// waits, so the usual case enqueues nothing twice; a duplicate would only cost time, since the jobs are idempotent.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    /// <summary>Every kind of work that can get stuck, each with its reconciler in this folder.</summary>
    public static IServiceCollection AddReconcilers(IServiceCollection services) => services
        .AddScoped<IStuckWorkReconciler, UncompletedUploadsReconciler>()
        .AddScoped<IStuckWorkReconciler, UnverifiedEvidenceReconciler>()
        .AddScoped<IStuckWorkReconciler, UnprobedEvidenceReconciler>()
        .AddScoped<IStuckWorkReconciler, StuckClipRequestsReconciler>();

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var reconciler in reconcilers)
        {
            try
            {
                var reenqueued = await reconciler.ReenqueueStuckAsync(cancellationToken);
                LogReconciled(reconciler.Name, reenqueued);
                total += reenqueued;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e, reconciler.Name);
            }
        }
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation of {Work}: {Count} item(s) re-enqueued")]
    private partial void LogReconciled(string work, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation of {Work} failed; the other kinds of work go on")]
    private partial void LogFailed(Exception exception, string work);
}
