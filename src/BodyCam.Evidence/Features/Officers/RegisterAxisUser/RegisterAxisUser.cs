using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.People;
using BodyCam.Evidence.Features.Ingestion.Axis;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Officers;

/// <summary>
/// A body worn system registered or renamed a user. The officer is found by the system's UUID for them and
/// belongs to the dock that registered them first (or took them over when no dock owned them); a new one takes the agency id the system gives (its "user ID"),
/// or the UUID when it gives none or another officer has that id.
/// </summary>
[RequiresRole(Roles.Dock)]
public sealed record RegisterAxisUser(Guid AxisUserId, string Name, bool Active, string? UserId) : ICommand<string>;

internal sealed class RegisterAxisUserHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<RegisterAxisUser, string>
{
    public async ValueTask<string> Handle(RegisterAxisUser command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var dockId = Guid.Parse(caller.Actor.Id);
        var officer = await db.Officers.SingleOrDefaultAsync(o => o.AxisUserId == command.AxisUserId, cancellationToken);
        var takenOver = false;
        if (officer is null)
        {
            var officerId = command.UserId ?? command.AxisUserId.ToString();
            if (await db.Officers.AnyAsync(o => o.OfficerId == officerId, cancellationToken))
            {
                officerId = command.AxisUserId.ToString();
            }
            officer = Officer.FromAxisUser(officerId, command.AxisUserId, dockId, command.Name, command.Active, now);
            db.Officers.Add(officer);
        }
        else
        {
            if (officer.DockId is null)
            {
                officer.ClaimFor(dockId);
                takenOver = true;
            }
            else if (officer.DockId != dockId)
            {
                throw await db.RefuseRegisteredElsewhereAsync(caller.Actor, $"Axis user {command.AxisUserId}", officer.DockId.Value, cancellationToken);
            }
            officer.Describe(command.Name, command.Active, now);
        }
        db.CustodyEvents.Record(
            CustodyAction.OfficerRecorded, caller.Actor,
            reason: $"officer {officer.OfficerId} ('{officer.Name}', {(officer.Active ? "active" : "inactive")}) as Axis user {command.AxisUserId}"
                + (takenOver ? AxisRegistry.TakenOver : ""));
        return officer.OfficerId;
    }
}
