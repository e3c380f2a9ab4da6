using BodyCam.Evidence.Domain.Ingestion;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Ingestion;

/// <summary>Recurring: uploads nobody has written to within the expiry are discarded, each with a custody event.</summary>
public sealed class ExpireAbandonedUploadsJob(EvidenceDb db, IMediator mediator, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var abandoned = await db.Uploads.AsNoTracking()
            .Where(u => u.Status == UploadStatus.Receiving && u.ExpiresAt < now)
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var uploadId in abandoned)
        {
            try
            {
                await mediator.Send(new ExpireUpload(uploadId), cancellationToken);
                expired++;
            }
            catch (LockedException)
            {
                // Being written right now, so not abandoned; its next write moves the expiry on.
            }
        }
        return expired;
    }
}
