using System.Linq.Expressions;
using BodyCam.Evidence.Infrastructure;
using Hangfire;

namespace BodyCam.Evidence.Api.Hosting;

internal static class ConfiguredSchedules
{
    /// <summary>
    /// Schedules a recurring job on a cron expression an operator configured under <paramref name="key"/>. Hangfire
    /// is the judge of its cron expressions; one it refuses is a configuration error naming the key.
    /// </summary>
    public static void AddOrUpdateConfigured<TJob>(this IRecurringJobManager jobs, string jobId, Expression<Func<TJob, Task>> run, string key, string cron)
    {
        try
        {
            jobs.AddOrUpdate(jobId, run, cron);
        }
        catch (ArgumentException refused) when (refused.ParamName == "cronExpression")
        {
            throw new ConfigurationException($"{key} is '{cron}', which is not a cron expression: {(refused.InnerException ?? refused).Message}");
        }
    }
}
