using Mediator;

namespace BodyCam.Evidence.Features.Ledger;

/// <summary>Recurring: a grown log gets a checkpoint within Ledger:CheckpointEverySeconds.</summary>
public sealed class SignCheckpointJob(IMediator mediator)
{
    public async Task RunAsync(CancellationToken cancellationToken) => await mediator.Send(new SignCheckpoint(), cancellationToken);
}
