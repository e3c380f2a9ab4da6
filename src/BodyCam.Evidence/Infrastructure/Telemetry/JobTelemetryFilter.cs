using System.Diagnostics;
using Hangfire.Server;

namespace BodyCam.Evidence.Infrastructure.Telemetry;

/// <summary>
/// A span and a duration for every background job Hangfire performs: no OpenTelemetry instrumentation for
/// Hangfire is published. The span is current while the job runs, so the job's database calls and logs carry
/// its trace id; it is started even when no tracer listens, for the logs' sake.
/// </summary>
internal sealed class JobTelemetryFilter(EvidenceMetrics metrics) : IServerFilter
{
    private const string StartedKey = "bodycam.telemetry.started";
    private const string ActivityKey = "bodycam.telemetry.activity";

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        var name = $"{job.Type.Name}.{job.Method.Name}";
        var activity = EvidenceTelemetry.Source.StartActivity(name) ?? new Activity(name).Start();
        activity.SetTag("job.system", "hangfire");
        activity.SetTag("job.id", context.BackgroundJob.Id);
        activity.SetTag("job.type", job.Type.Name);
        context.Items[ActivityKey] = activity;
        context.Items[StartedKey] = Stopwatch.GetTimestamp();
    }

    public void OnPerformed(PerformedContext context)
    {
        var outcome = context switch
        {
            { Canceled: true } => "canceled",
            { Exception: not null, ExceptionHandled: false } => "failed",
            _ => "succeeded",
        };
        if (context.Items.TryGetValue(StartedKey, out var started) && started is long timestamp)
        {
            metrics.JobPerformed(context.BackgroundJob.Job.Type.Name, outcome, Stopwatch.GetElapsedTime(timestamp));
        }
        if (context.Items.TryGetValue(ActivityKey, out var item) && item is Activity activity)
        {
            activity.SetTag("job.outcome", outcome);
            if (outcome == "failed")
            {
                activity.SetStatus(ActivityStatusCode.Error, context.Exception?.InnerException?.Message ?? context.Exception?.Message);
            }
            activity.Stop();
        }
    }
}
