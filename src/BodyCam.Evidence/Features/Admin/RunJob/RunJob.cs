using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Hangfire;
using Mediator;

namespace BodyCam.Evidence.Features.Admin;

/// <summary>
/// Runs a recurring job now, out of its schedule, as one more background job: the scheduled runs go on as before.
/// Every recurring job is idempotent, so a run requested beside a scheduled one does no harm.
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record RunJob(string Job) : ICommand<JobRun>;

/// <summary>A requested run: <see cref="JobId"/> is the Hangfire background job that performs it, shown by the dashboard at /hangfire/jobs/details/{jobId}.</summary>
public sealed record JobRun(string Job, string RecurringJobId, string JobId);

internal sealed class RunJobHandler(EvidenceDb db, ICurrentActor caller, IRecurringJobManagerV2 recurringJobs) : ICommandHandler<RunJob, JobRun>
{
    public ValueTask<JobRun> Handle(RunJob command, CancellationToken cancellationToken)
    {
        var recurringJobId = RecurringJobs.Named(command.Job)?.Id
            ?? throw new NotFoundException($"There is no job '{command.Job}'; the jobs are {string.Join(", ", RecurringJobs.All.Select(job => job.Name))}.");
        // Null when no recurring job of that id is registered in the job storage.
        var jobId = recurringJobs.TriggerJob(recurringJobId)
            ?? throw new NotFoundException($"The job '{command.Job}' (recurring job '{recurringJobId}') is not registered on this server.");
        db.CustodyEvents.Record(
            CustodyAction.JobRunRequested, caller.Actor, reason: $"job '{command.Job}' (recurring job '{recurringJobId}') run now as background job {jobId}");
        return ValueTask.FromResult(new JobRun(command.Job, recurringJobId, jobId));
    }
}
