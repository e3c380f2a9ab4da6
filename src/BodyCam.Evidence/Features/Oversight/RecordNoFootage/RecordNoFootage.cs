using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Oversight;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>A supervisor or custodian answers a received footage request that no footage matches it, and why: an answer to the board.</summary>
[RequiresRole(Roles.Supervisor, Roles.Custodian)]
public sealed record RecordNoFootage(Guid RequestId, string Reason) : ICommand<FootageRequestView>;

internal sealed class RecordNoFootageHandler(EvidenceDb db, ICurrentActor caller, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<RecordNoFootage, FootageRequestView>
{
    public async ValueTask<FootageRequestView> Handle(RecordNoFootage command, CancellationToken cancellationToken)
    {
        var request = await db.FindForStepAsync(caller, command.RequestId, FootageRequestStatus.NoneFound, CustodyAction.FootageNotFound, cancellationToken);
        var now = clock.GetUtcNow();
        var reason = command.Reason.Trim();
        db.Step(request, FootageRequestStatus.NoneFound, caller, now, reason);
        db.CustodyEvents.Record(CustodyAction.FootageNotFound, caller.Actor, reason: $"footage request {request.Id} by {request.RequestedBy}: no footage found: {reason}");
        await db.SaveChangesAsync(cancellationToken);
        return await db.ViewAsync(request, reviewer: true, settings.Oversight.Deadlines, now, cancellationToken);
    }
}
