using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Docks;
using BodyCam.Evidence.Features.Ingestion.Axis;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Docks;

/// <summary>
/// A body worn system stores its id here (Axis StoreReadSystemID), and later reads it back to check that it
/// still talks to the same content destination. A system id belongs to the dock that first stored it.
/// </summary>
[RequiresRole(Roles.Dock)]
public sealed record RecordBodyWornSystem(Guid SystemId, string? ConnectionId, string? Name) : ICommand;

internal sealed class RecordBodyWornSystemHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<RecordBodyWornSystem>
{
    public async ValueTask<Unit> Handle(RecordBodyWornSystem command, CancellationToken cancellationToken)
    {
        var dockId = Guid.Parse(caller.Actor.Id);
        var system = await db.BodyWornSystems.SingleOrDefaultAsync(s => s.SystemId == command.SystemId, cancellationToken);
        if (system is null)
        {
            system = BodyWornSystem.Register(command.SystemId, dockId);
            db.BodyWornSystems.Add(system);
        }
        else if (system.DockId != dockId)
        {
            throw await db.RefuseRegisteredElsewhereAsync(caller.Actor, $"system id {command.SystemId}", system.DockId, cancellationToken);
        }
        system.Describe(command.ConnectionId, command.Name, clock.GetUtcNow());
        db.CustodyEvents.Record(
            CustodyAction.BodyWornSystemRecorded, caller.Actor, reason: $"body worn system {system.SystemId} '{system.Name}', connection {system.ConnectionId}");
        return Unit.Value;
    }
}
