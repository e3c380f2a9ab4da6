using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using Mediator;

namespace BodyCam.Evidence.Features.Identity;

/// <summary>The caller's console session ends: they signed out, or it was locked after the idle limit (<see cref="Why"/>).</summary>
public sealed record RecordSignOut(string Why) : ICommand;

internal sealed class RecordSignOutHandler(EvidenceDb db, ICurrentActor caller) : ICommandHandler<RecordSignOut>
{
    public ValueTask<Unit> Handle(RecordSignOut command, CancellationToken cancellationToken)
    {
        db.CustodyEvents.Record(CustodyAction.SignedOut, caller.Actor, reason: command.Why);
        return ValueTask.FromResult(Unit.Value);
    }
}
