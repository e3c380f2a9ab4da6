using BodyCam.Evidence.Domain.Cameras;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Cameras.RegisterCamera;

/// <summary>A camera is registered or described again, by serial number.</summary>
[RequiresRole(Roles.Dock, Roles.Admin)]
public sealed record RegisterCamera(string Serial, string Name, string? Model, bool Active) : ICommand;

internal sealed class RegisterCameraHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<RegisterCamera>
{
    public async ValueTask<Unit> Handle(RegisterCamera command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var camera = await db.Cameras.SingleOrDefaultAsync(c => c.Serial == command.Serial, cancellationToken);
        if (camera is null)
        {
            camera = Camera.Register(command.Serial, now);
            db.Cameras.Add(camera);
        }
        camera.Describe(command.Name, command.Model, command.Active, now);
        db.CustodyEvents.Record(
            CustodyAction.CameraRecorded, caller.Actor,
            reason: $"camera {camera.Serial} ('{camera.Name}', model {camera.Model ?? "unknown"}, {(camera.Active ? "active" : "inactive")})");
        return Unit.Value;
    }
}
