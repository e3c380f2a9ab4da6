using BodyCam.Evidence.Domain.Recordings;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Recordings;

internal static class RecordingAccess
{
    /// <summary>The calling dock's recording of that container name: each dock has its own namespace, as each Swift account does.</summary>
    public static async Task<Recording> FindOwnRecordingAsync(this EvidenceDb db, string containerName, ICurrentActor caller, CancellationToken cancellationToken)
    {
        var dockId = Guid.Parse(caller.Actor.Id);
        return await db.Recordings.SingleOrDefaultAsync(r => r.DockId == dockId && r.ContainerName == containerName, cancellationToken)
            ?? throw new NotFoundException($"There is no recording container '{containerName}'; create it first.");
    }

    /// <summary>A recording the system declared complete takes nothing more (Axis: no more requests follow "Complete").</summary>
    public static Recording EnsureStillTransferring(this Recording recording) =>
        recording.Status == RecordingStatus.Complete
            ? throw new ConflictException($"Recording '{recording.ContainerName}' is complete and takes no more objects or metadata.")
            : recording;
}
