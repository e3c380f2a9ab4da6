using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Oversight;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>A supervisor or custodian refuses a footage request not yet released, with the reason the board sees.</summary>
[RequiresRole(Roles.Supervisor, Roles.Custodian)]
public sealed record RefuseFootageRequest(Guid RequestId, string Reason) : ICommand<FootageRequestView>;

internal sealed class RefuseFootageRequestHandler(EvidenceDb db, ICurrentActor caller, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<RefuseFootageRequest, FootageRequestView>
{
    public async ValueTask<FootageRequestView> Handle(RefuseFootageRequest command, CancellationToken cancellationToken)
    {
        var request = await db.FindForStepAsync(caller, command.RequestId, FootageRequestStatus.Refused, CustodyAction.FootageRequestRefused, cancellationToken);
        var now = clock.GetUtcNow();
        var reason = command.Reason.Trim();
        db.Step(request, FootageRequestStatus.Refused, caller, now, reason);
        db.CustodyEvents.Record(CustodyAction.FootageRequestRefused, caller.Actor, reason: $"footage request {request.Id} by {request.RequestedBy} refused: {reason}");
        await db.SaveChangesAsync(cancellationToken);
        return await db.ViewAsync(request, reviewer: true, settings.Oversight.Deadlines, now, cancellationToken);
    }
}
