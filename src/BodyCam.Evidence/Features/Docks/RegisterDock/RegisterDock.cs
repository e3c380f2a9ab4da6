using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Docks;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;

namespace BodyCam.Evidence.Features.Docks;

[RequiresRole(Roles.Admin)]
public sealed record RegisterDock(string Name, string? Site = null) : ICommand<RegisteredDock>;

/// <summary>The key is shown here and never again: the server keeps only its hash.</summary>
public sealed record RegisteredDock(Guid DockId, string Name, string? Site, string Key);

internal sealed class RegisterDockHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock)
    : ICommandHandler<RegisterDock, RegisteredDock>
{
    public ValueTask<RegisteredDock> Handle(RegisterDock command, CancellationToken cancellationToken)
    {
        var (dock, key) = Dock.Register(command.Name.Trim(), command.Site?.Trim(), caller.Actor.Id, clock.GetUtcNow());
        db.Docks.Add(dock);
        db.CustodyEvents.Record(CustodyAction.DockRegistered, caller.Actor, reason: $"dock {dock.Id} '{dock.Name}'");
        return ValueTask.FromResult(new RegisteredDock(dock.Id, dock.Name, dock.Site, key));
    }
}
