using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Ingestion;
using BodyCam.Evidence.Domain.Recordings;
using BodyCam.Evidence.Features.Categories;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Features.Officers;
using BodyCam.Evidence.Features.Recordings;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Infrastructure.Hashing;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Infrastructure.Telemetry;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Ingestion;

/// <summary>
/// Turns an upload whose last byte has arrived into an evidence item: the staged blocks become the blob,
/// the item is recorded with the hash of the bytes as received, and verification is queued. Safe to send
/// again after a crash at any point: a blob already committed is not committed twice, an upload already
/// completed is left as it is.
/// </summary>
public sealed record CompleteUpload(string UploadId) : ICommand<EvidenceStatus>;

internal sealed class CompleteUploadHandler(
    EvidenceDb db,
    IBlobStore store,
    ICurrentActor caller,
    PostCommitWork postCommit,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    EvidenceMetrics metrics,
    EvidenceSettings settings,
    ItemRetention itemRetention)
    : ICommandHandler<CompleteUpload, EvidenceStatus>
{
    public async ValueTask<EvidenceStatus> Handle(CompleteUpload command, CancellationToken cancellationToken)
    {
        var upload = await db.Uploads.SingleOrDefaultAsync(u => u.Id == command.UploadId, cancellationToken)
            ?? throw new NotFoundException($"There is no upload {command.UploadId}.");
        if (upload.Status == UploadStatus.Completed)
        {
            return await db.EvidenceItems.Where(e => e.Id == upload.EvidenceId).Select(e => e.Status).SingleAsync(cancellationToken);
        }
        if (upload.Status != UploadStatus.Receiving || !upload.IsComplete)
        {
            throw new ConflictException($"Upload {upload.Id} is {upload.Status} with {upload.Offset} of {upload.Length?.ToString() ?? "?"} bytes.");
        }

        if (await store.GetSizeAsync(upload.BlobName, cancellationToken) == upload.Length)
        {
            // Committed before a crash that came before this row was written; only leftovers of staging remain.
            await store.DiscardStagedBlocksAsync(upload.BlobName, cancellationToken);
        }
        else
        {
            await store.CommitBlocksAsync(upload.BlobName, upload.BlockCount, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var streamSha256 = Convert.ToHexStringLower(ResumableSha256.Restore(upload.HashState).Peek());
        var officerUnit = await db.UnitOfOfficerAtAsync(upload.Recording.OfficerId, upload.Recording.RecordedStart ?? now, cancellationToken);
        var item = EvidenceItem.Receive(
            upload.EvidenceId, upload.Recording, upload.BlobName, upload.Offset, streamSha256, upload.DockId, upload.Id, upload.RecordingId, officerUnit, now);
        upload.Complete(now);
        db.EvidenceItems.Add(item);
        var categories = await CategoriesOfAsync(item, cancellationToken);
        var retention = await db.SetRetentionAsync(item, categories, settings.Retention.DefaultDays, cancellationToken);
        var sender = await SegmentOfRecordingAsync(item, now, cancellationToken);
        db.CustodyEvents.Record(
            CustodyAction.Received, caller.Actor, item.Id, streamSha256,
            reason: $"upload {upload.Id}: '{item.Recording.FileName}', {item.Bytes} bytes, device {item.Recording.DeviceSerial}, officer {item.Recording.OfficerId}{sender}; {retention}");
        var source = item.RecordingId is null ? "from the upload's metadata" : "from the upload's metadata and the recording's bookmarks";
        await db.ChangeAsync([item.Id], ItemCategories.Adding(categories), caller.Actor, now, source, itemRetention, cancellationToken);
        if (item.Status == EvidenceStatus.Quarantined)
        {
            db.CustodyEvents.Record(CustodyAction.Quarantined, caller.Actor, item.Id, streamSha256, reason: item.QuarantineReason, outcome: CustodyOutcome.Failed);
            postCommit.Add(() => metrics.Quarantined("declared_hash"));
        }
        else
        {
            postCommit.Add(() => jobs.Enqueue<VerifyEvidenceHashJob>(job => job.RunAsync(item.Id, CancellationToken.None)));
        }
        return item.Status;
    }

    /// <summary>A new item carries the category its upload named and those its recording's bookmarks name so far.</summary>
    private async Task<IReadOnlySet<string>> CategoriesOfAsync(EvidenceItem item, CancellationToken cancellationToken)
    {
        var categories = item.RecordingId is { } recordingId
            ? await db.CameraCategoriesAsync(recordingId, cancellationToken)
            : new HashSet<string>();
        return item.Recording.Category is { Length: > 0 } uploaded
            ? categories.Append(uploaded).ToHashSet(StringComparer.Ordinal)
            : categories;
    }

    /// <summary>A segment of a recording is also one of the recording's objects; its custody names the system controller that sent it.</summary>
    private async Task<string> SegmentOfRecordingAsync(EvidenceItem item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (item.RecordingId is not { } recordingId)
        {
            return "";
        }
        var recording = await db.Recordings.AsNoTracking().SingleAsync(r => r.Id == recordingId, cancellationToken);
        var metadata = item.Recording.ExtraMetadataJson is { } extra
            ? System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(extra) ?? []
            : [];
        db.RecordingObjects.Add(RecordingObject.Segment(recordingId, item.Recording.FileName, item.Id, item.Bytes, item.StreamSha256, metadata, now));
        return RecordingCustody.Sender(recording);
    }
}
