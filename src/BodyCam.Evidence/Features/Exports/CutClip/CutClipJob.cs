using System.Globalization;
using System.Security.Cryptography;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Features.Ledger;
using BodyCam.Evidence.Infrastructure.Media;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Verification.Exports;
using BodyCam.Evidence.Verification.Notes;
using Hangfire;
using Hangfire.Server;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>
/// Cuts an approved clip request and packages it. The clip's hash and the manifest's are a <c>ClipCut</c> custody event
/// before the package is made, and a checkpoint is signed over it, so the package proves its own clip and claims against
/// the signed log. A source ffmpeg cannot cut fails the request at once; any other failure is retried by Hangfire and
/// fails the request on the last attempt. A retry starts over: the request's state, not Hangfire, says what is done. Each attempt records when
/// it began and its Hangfire job, so that reconciliation can tell a lost job from a slow one.
/// </summary>
public sealed class CutClipJob(
    EvidenceDb db, IBlobStore store, IMediator mediator, NoteSigner signer, IBackgroundJobClient jobs, EvidenceSettings settings, TimeProvider clock)
{
    public const int MaxAttempts = 3;
    private static readonly Actor System = Actor.System("clip-export");

    [AutomaticRetry(Attempts = MaxAttempts - 1, DelaysInSeconds = [5, 30])]
    public async Task RunAsync(Guid requestId, PerformContext? context, CancellationToken cancellationToken)
    {
        var request = await db.ClipRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is not { Status: ClipRequestStatus.Approved or ClipRequestStatus.Processing })
        {
            return;
        }
        var attempt = request.BeginAttempt(context?.BackgroundJob.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);

        var workspace = Directory.CreateTempSubdirectory("bodycam-export-");
        try
        {
            await CutAndPackageAsync(request, workspace.FullName, cancellationToken);
        }
        catch (ClipCutFailedException e)
        {
            await FailAsync(requestId, $"ffmpeg could not cut the clip: {e.Message}", cancellationToken);
        }
        catch (Exception e) when (attempt >= MaxAttempts && e is not OperationCanceledException)
        {
            await FailAsync(requestId, $"gave up after {attempt} attempts: {e.Message}", cancellationToken);
        }
        finally
        {
            workspace.Delete(recursive: true);
        }
    }

    private async Task CutAndPackageAsync(ClipRequest request, string workspace, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.AsNoTracking().SingleAsync(e => e.Id == request.EvidenceId, cancellationToken);
        var clipPath = Path.Combine(workspace, ExportPackageFiles.Clip);
        ClipCut cut;
        using (var source = await store.OpenLocalFileAsync(item.BlobName, cancellationToken))
        {
            var reported = 0;
            cut = await ClipCutter.CutAsync(
                source.Path, clipPath, request.StartSeconds, request.EndSeconds, request.Accurate, request.Redactions, request.Watermark,
                settings.Exports.CutTimeout,
                async done =>
                {
                    var percent = (int)(done * 80);
                    if (percent >= reported + 10)
                    {
                        reported = percent;
                        request.ReportProgress(percent);
                        await db.SaveChangesAsync(cancellationToken);
                    }
                },
                cancellationToken);
        }
        var (clipSha256, clipBytes) = await FileDigest.Sha256Async(clipPath, cancellationToken);
        request.ReportProgress(80);
        var now = clock.GetUtcNow();
        var exportId = Guid.CreateVersion7(now);
        var verifyPage = ExportPackageFiles.VerifyPageFor(signer.VerifierKey);
        var manifest = new ExportManifest(
            ExportPackageFiles.Format, exportId, request.Id, item.Id, item.StreamSha256, item.Bytes, ExportPackageFiles.Clip, clipSha256, clipBytes,
            new ClipRange(request.StartSeconds, request.EndSeconds), request.BookmarkId, new ClipRange(cut.ActualStartSeconds, cut.ActualEndSeconds),
            Method(request), request.Redactions, request.Watermark,
            cut.FfmpegVersion, cut.Arguments, request.RequestedBy, request.RequestedAt, request.Purpose, request.Approvals(), now,
            Convert.ToHexStringLower(SHA256.HashData(verifyPage)));
        var manifestSha256 = Convert.ToHexStringLower(SHA256.HashData(ExportPackageWriter.ManifestJson(manifest)));
        db.CustodyEvents.Record(
            CustodyAction.ClipCut, System, item.Id, clipSha256,
            reason: string.Create(CultureInfo.InvariantCulture,
                $"clip request {request.Id}: {cut.ActualStartSeconds:0.###}–{cut.ActualEndSeconds:0.###} s cut {(request.Accurate ? "frame-accurately" : "by stream copy")} from {item.StreamSha256}, {clipBytes} bytes, manifest {manifestSha256}"));
        await db.SaveChangesAsync(cancellationToken);

        // The package's proofs need a served checkpoint (signed, and cosigned by the witness quorum) that covers the
        // ClipCut event just written, and with it the manifest's hash.
        var signed = await mediator.Send(new SignCheckpoint(), cancellationToken);
        var checkpoint = await db.AwaitServedCheckpointAsync(signed.TreeSize, settings.Ledger.Witnessing, jobs, clock, cancellationToken);
        var custody = await db.ReadCustodyReportAsync(item.Id, checkpoint.Note, checkpoint.TreeSize, cancellationToken);

        db.ChangeTracker.Clear();
        request = await db.ClipRequests.SingleAsync(r => r.Id == request.Id, cancellationToken);
        var zipPath = Path.Combine(workspace, "package.zip");
        await ExportPackageWriter.WriteAsync(zipPath, clipPath, manifest, custody, verifyPage, cancellationToken);
        var (zipSha256, zipBytes) = await FileDigest.Sha256Async(zipPath, cancellationToken);
        var blobName = $"exports/{exportId:N}.zip";
        await store.UploadFileAsync(zipPath, blobName, cancellationToken);

        db.EvidenceExports.Add(EvidenceExport.Package(
            exportId, request, blobName, zipBytes, zipSha256, clipSha256, now, settings.Exports.LinkLifetime, settings.Exports.MaxDownloads));
        request.Complete(exportId);
        db.CustodyEvents.Record(
            CustodyAction.ExportPackaged, System, item.Id, zipSha256,
            reason: string.Create(CultureInfo.InvariantCulture,
                $"export {exportId} for {request.RequestedBy} (clip request {request.Id}): package of {zipBytes} bytes, clip {clipSha256}, proofs against checkpoint of size {checkpoint.TreeSize}"));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Method(ClipRequest request) => request switch
    {
        { Accurate: false } => "stream copy from the preceding key frame",
        { Redactions.Count: > 0, Watermark: not null } => "frame-accurate re-encode (H.264/AAC) with redactions and a watermark",
        { Redactions.Count: > 0 } => "frame-accurate re-encode (H.264/AAC) with redactions",
        { Watermark: not null } => "frame-accurate re-encode (H.264/AAC) with a watermark",
        _ => "frame-accurate re-encode (H.264/AAC)",
    };

    private async Task FailAsync(Guid requestId, string reason, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var request = await db.ClipRequests.SingleAsync(r => r.Id == requestId, cancellationToken);
        request.Fail(reason.Length > 2000 ? reason[..2000] : reason);
        db.CustodyEvents.Record(
            CustodyAction.ClipFailed, System, request.EvidenceId,
            reason: CustodyEvent.FitReason($"clip request {request.Id} failed: {request.FailureReason}"), outcome: CustodyOutcome.Failed);
        await db.SaveChangesAsync(cancellationToken);
    }
}
