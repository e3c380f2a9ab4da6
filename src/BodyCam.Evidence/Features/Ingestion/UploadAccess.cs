using BodyCam.Evidence.Domain.Ingestion;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Ingestion;

internal static class UploadAccess
{
    /// <summary>
    /// The upload, if it exists and the calling dock created it. Another dock's attempt is refused and recorded;
    /// an upload that was terminated or expired is gone.
    /// </summary>
    public static async Task<Upload> FindOwnUploadAsync(this EvidenceDb db, string uploadId, ICurrentActor caller, CancellationToken cancellationToken)
    {
        var upload = await db.Uploads.AsNoTracking().SingleOrDefaultAsync(u => u.Id == uploadId, cancellationToken)
            ?? throw new NotFoundException($"There is no upload {uploadId}.");
        if (upload.DockId.ToString() != caller.Actor.Id)
        {
            throw await db.RefuseAsync(
                caller.Actor, $"upload {uploadId} belongs to another dock", $"Upload {uploadId} was created by another dock.", upload.EvidenceId, cancellationToken);
        }
        return upload.Status is UploadStatus.Terminated or UploadStatus.Expired
            ? throw new GoneException($"Upload {uploadId} was {upload.Status.ToString().ToLowerInvariant()}; start a new one.")
            : upload;
    }
}
