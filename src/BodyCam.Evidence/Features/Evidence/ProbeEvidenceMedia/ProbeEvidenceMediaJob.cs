using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Media;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Evidence.ProbeEvidenceMedia;

/// <summary>
/// Reads a verified recording's technical facts and makes its poster. ffprobe needs to seek (an MP4's index
/// may sit at the end), so the blob is streamed to a temporary file first, never into memory. A recording
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
            var media = Path.Combine(workspace.FullName, "recording");
            var poster = Path.Combine(workspace.FullName, "poster.jpg");
            await using (var source = await store.OpenReadAsync(item.BlobName, 0, null, cancellationToken))
            await using (var copy = File.Create(media))
            {
                await source.CopyToAsync(copy, cancellationToken);
            }

            var result = await probe.ProbeAsync(media, poster, cancellationToken);
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
