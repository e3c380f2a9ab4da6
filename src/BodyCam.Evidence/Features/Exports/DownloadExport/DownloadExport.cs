using System.Globalization;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>
/// The requesting board takes its package while the link lives and has downloads left. Each download is counted and
/// recorded when it starts, so a download broken off still counts; a refused one (expired, used up) is recorded too.
/// </summary>
[RequiresRole(Roles.OversightBoard)]
public sealed record DownloadExport(Guid ExportId) : ICommand<ExportDownload>;

public sealed record ExportDownload(string BlobName, long Bytes, string FileName);

internal sealed class DownloadExportHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<DownloadExport, ExportDownload>
{
    public async ValueTask<ExportDownload> Handle(DownloadExport command, CancellationToken cancellationToken)
    {
        var export = await db.EvidenceExports.SingleOrDefaultAsync(e => e.Id == command.ExportId, cancellationToken)
            ?? throw new NotFoundException($"There is no export {command.ExportId}.");
        if (export.Recipient != caller.Actor.Id)
        {
            throw await db.RefuseAsync(
                caller.Actor, $"download of export {export.Id}, made for another board",
                "Only the board that asked for this export may download it.", export.EvidenceId, cancellationToken);
        }
        if (export.Unavailable(clock.GetUtcNow()) is { } gone)
        {
            db.CustodyEvents.Record(
                CustodyAction.ExportDownloadRefused, caller.Actor, export.EvidenceId, export.Sha256,
                reason: $"download of export {export.Id} refused: {gone}", outcome: CustodyOutcome.Denied);
            await db.SaveChangesAsync(cancellationToken);
            throw new RefusedGoneException(gone);
        }
        export.CountDownload();
        db.CustodyEvents.Record(
            CustodyAction.ExportDownloaded, caller.Actor, export.EvidenceId, export.Sha256,
            reason: string.Create(CultureInfo.InvariantCulture,
                $"export {export.Id} downloaded by {caller.Actor.Id}, {export.Downloads} of {export.MaxDownloads}"));
        return new ExportDownload(export.BlobName, export.Bytes, $"export-{export.Id:N}.zip");
    }
}
