using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using Hangfire;
using Mediator;

namespace BodyCam.Evidence.Features.Ledger;

/// <summary>
/// Recurring: a grown log gets a checkpoint within Ledger:CheckpointEverySeconds, and each witness behind the newest
/// checkpoint gets a submission of it as a job of its own, so that no witness ever holds up signing or another witness.
/// </summary>
public sealed class SignCheckpointJob(IMediator mediator, EvidenceDb db, WitnessSettings witnessing, IBackgroundJobClient jobs, TimeProvider clock)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new SignCheckpoint(), cancellationToken);
        await db.EnqueueDueAsync(witnessing, jobs, clock, cancellationToken);
    }
}
