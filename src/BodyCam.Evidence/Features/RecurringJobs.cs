using System.Linq.Expressions;
using BodyCam.Evidence.Features.Disposition;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Features.Ingestion;
using BodyCam.Evidence.Features.Ledger;
using BodyCam.Evidence.Features.Playback;
using BodyCam.Evidence.Features.StuckWork;
using BodyCam.Evidence.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Features;

/// <summary>
/// Every recurring job, described once: the id Hangfire stores it under, the name an administrator runs it by
/// (<c>POST /api/admin/jobs/{name}/run</c>), its schedule and what it runs. Ids and names are persisted in job
/// storage and custody events and are documented, so neither ever changes.
/// </summary>
public static class RecurringJobs
{
    public static readonly Job RetentionSweep = Job.Of<SweepRetentionJob>(
        "retention-sweep", "retention-sweep", "Retention:SweepSchedule", settings => settings.Retention.SweepSchedule, job => job.RunAsync(CancellationToken.None));

    public static readonly Job Purge = Job.Of<PurgeDisposedJob>(
        "purge", "purge", "Retention:PurgeSchedule", settings => settings.Retention.PurgeSchedule, job => job.RunAsync(CancellationToken.None));

    public static readonly Job Fixity = Job.Of<CheckFixityJob>(
        "fixity", "fixity", "Fixity:Schedule", settings => settings.Fixity.Schedule, job => job.RunAsync(CancellationToken.None));

    public static readonly Job Checkpoint = Job.Of<SignCheckpointJob>(
        "sign-checkpoint", "checkpoint", null, settings => settings.Ledger.CheckpointSchedule, job => job.RunAsync(CancellationToken.None));

    public static readonly Job Reconciliation = Job.Of<ReconcileStuckWork>(
        "reconcile-stuck-work", "reconciliation", null, _ => "*/5 * * * *", job => job.RunAsync(CancellationToken.None));

    public static readonly Job ExpireUploads = Job.Of<ExpireAbandonedUploadsJob>(
        "expire-abandoned-uploads", "expire-uploads", null, _ => "17 * * * *", job => job.RunAsync(CancellationToken.None));

    public static readonly Job ViewSessions = Job.Of<CloseViewSessionsJob>(
        "view-sessions", "view-sessions", null, _ => "* * * * *", job => job.RunAsync(CancellationToken.None));

    public static IReadOnlyList<Job> All { get; } = [RetentionSweep, Purge, Fixity, Checkpoint, Reconciliation, ExpireUploads, ViewSessions];

    public static Job? Named(string name) => All.SingleOrDefault(job => string.Equals(job.Name, name, StringComparison.Ordinal));

    public static void AddTo(IServiceCollection services)
    {
        foreach (var job in All)
        {
            services.AddScoped(job.Type);
        }
    }

    public static void Schedule(IRecurringJobManager jobs, EvidenceSettings settings)
    {
        foreach (var job in All)
        {
            job.Schedule(jobs, settings);
        }
    }

    /// <param name="Id">The recurring job's id in Hangfire.</param>
    /// <param name="Name">The name an administrator runs it by.</param>
    /// <param name="ScheduleKey">The configuration key of an operator's cron expression; null for a schedule of the server's own.</param>
    /// <param name="Cron">When it runs, as Hangfire's cron expression.</param>
    public abstract record Job(string Id, string Name, string? ScheduleKey, Func<EvidenceSettings, string> Cron)
    {
        public abstract Type Type { get; }

        public static Job Of<TJob>(string id, string name, string? scheduleKey, Func<EvidenceSettings, string> cron, Expression<Func<TJob, Task>> run) =>
            new Runs<TJob>(id, name, scheduleKey, cron, run);

        /// <summary>Hangfire is the judge of cron expressions; one it refuses from an operator is a configuration error naming the key.</summary>
        public void Schedule(IRecurringJobManager jobs, EvidenceSettings settings)
        {
            var cron = Cron(settings);
            try
            {
                AddOrUpdate(jobs, cron);
            }
            catch (ArgumentException refused) when (refused.ParamName == "cronExpression" && ScheduleKey is not null)
            {
                throw new ConfigurationException($"{ScheduleKey} is '{cron}', which is not a cron expression: {(refused.InnerException ?? refused).Message}");
            }
        }

        protected abstract void AddOrUpdate(IRecurringJobManager jobs, string cron);
    }

    private sealed record Runs<TJob>(string Id, string Name, string? ScheduleKey, Func<EvidenceSettings, string> Cron, Expression<Func<TJob, Task>> Run)
        : Job(Id, Name, ScheduleKey, Cron)
    {
        public override Type Type => typeof(TJob);

        protected override void AddOrUpdate(IRecurringJobManager jobs, string cron) => jobs.AddOrUpdate(Id, Run, cron);
    }
}
