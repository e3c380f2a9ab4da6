using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Media;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>
/// Reads a verified recording's technical facts and makes its poster. ffprobe needs to seek (an MP4's index
/// may sit at the end), so it reads the blob as a local file; a store that has none streams a temporary copy,
/// never into memory. A recording
/// ffprobe cannot read is recorded as such and not retried; a store or tool failure is retried by Hangfire.
/// </summary>
public sealed class ProbeEvidenceMediaJob(EvidenceDb db, IBlobStore store, IMediaProbe probe, IMediator mediator)
{
    public async Task RunAsync(Guid evidenceId, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.AsNoTracking()
            .Where(e => e.Id == evidenceId)
            .Select(e => new { e.Status, e.ProbeStatus, e.BlobName })
            .SingleOrDefaultAsync(cancellationToken);
        if (item is not { Status: EvidenceStatus.Verified, ProbeStatus: ProbeStatus.Pending })
        {
            return;
        }

        var workspace = Directory.CreateTempSubdirectory("bodycam-probe-");
        try
        {
            var poster = Path.Combine(workspace.FullName, "poster.jpg");
            MediaProbeResult result;
            using (var media = await store.OpenLocalFileAsync(item.BlobName, cancellationToken))
            {
                result = await probe.ProbeAsync(media.Path, poster, cancellationToken);
            }
            string? posterBlobName = null;
            if (result is MediaProbeResult.Readable { PosterWritten: true })
            {
                posterBlobName = $"posters/{evidenceId:N}.jpg";
                await store.StageBlockAsync(posterBlobName, 0, await File.ReadAllBytesAsync(poster, cancellationToken), cancellationToken);
                await store.CommitBlocksAsync(posterBlobName, 1, cancellationToken);
            }
            await mediator.Send(new RecordMediaProbe(evidenceId, result, posterBlobName), cancellationToken);
        }
        finally
        {
            workspace.Delete(recursive: true);
        }
    }
}
