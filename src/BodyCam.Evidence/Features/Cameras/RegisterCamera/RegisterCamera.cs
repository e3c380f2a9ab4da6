using BodyCam.Evidence.Domain.Cameras;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Ingestion.Axis;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Cameras;

/// <summary>A body worn system registers a camera or describes it again, by serial number; the camera belongs to the dock that registered it first, or took it over when no dock owned it.</summary>
[RequiresRole(Roles.Dock)]
public sealed record RegisterCamera(string Serial, string Name, string? Model, bool Active) : ICommand;

internal sealed class RegisterCameraHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<RegisterCamera>
{
    public async ValueTask<Unit> Handle(RegisterCamera command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var dockId = Guid.Parse(caller.Actor.Id);
        var camera = await db.Cameras.SingleOrDefaultAsync(c => c.Serial == command.Serial, cancellationToken);
        var takenOver = false;
        if (camera is null)
        {
            camera = Camera.Register(command.Serial, dockId, now);
            db.Cameras.Add(camera);
        }
        else if (camera.DockId is null)
        {
            camera.ClaimFor(dockId);
            takenOver = true;
        }
        else if (camera.DockId != dockId)
        {
            throw await db.RefuseRegisteredElsewhereAsync(caller.Actor, $"camera {command.Serial}", camera.DockId.Value, cancellationToken);
        }
        camera.Describe(command.Name, command.Model, command.Active, now);
        db.CustodyEvents.Record(
            CustodyAction.CameraRecorded, caller.Actor,
            reason: $"camera {camera.Serial} ('{camera.Name}', model {camera.Model ?? "unknown"}, {(camera.Active ? "active" : "inactive")})"
                + (takenOver ? AxisRegistry.TakenOver : ""));
        return Unit.Value;
    }
}
