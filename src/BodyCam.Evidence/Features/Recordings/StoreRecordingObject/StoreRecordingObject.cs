using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Recordings;
using BodyCam.Evidence.Features.Categories;
using BodyCam.Evidence.Features.Ingestion;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Infrastructure.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Recordings;

/// <summary>
/// An object of a recording that is not a segment: an encryption key, the GNSS track, a bookmark, or anything
/// else the system sends. Its bytes are kept as received, hashed, in the blob store; a track or bookmark is
/// also read into the recording. Such objects are small (at most <see cref="MaxBytes"/>); segments go through
/// upload ingestion instead.
/// </summary>
[RequiresRole(Roles.Dock)]
public sealed record StoreRecordingObject(
    string ContainerName, string ObjectName, RecordingObjectKind Kind, Stream Body, IReadOnlyDictionary<string, string> Metadata)
    : ICommand<StoredRecordingObject>, ICommitsItself
{
    public const int MaxBytes = 16 * 1024 * 1024;
}

public sealed record StoredRecordingObject(Guid ObjectId, long Bytes, string Sha256);

internal sealed class StoreRecordingObjectHandler(EvidenceDb db, IBlobStore store, ICurrentActor caller, EvidenceSettings settings, TimeProvider clock, ItemRetention retention)
    : ICommandHandler<StoreRecordingObject, StoredRecordingObject>
{
    private const int MaxBookmarkTextBytes = 64 * 1024;

    public async ValueTask<StoredRecordingObject> Handle(StoreRecordingObject command, CancellationToken cancellationToken)
    {
        var recording = (await db.FindOwnRecordingAsync(command.ContainerName, caller, cancellationToken)).EnsureStillTransferring();
        var now = clock.GetUtcNow();
        var objectId = RecordingObject.NewId(now);
        var blobName = $"recordings/{recording.Id:N}/{objectId:N}";
        var (bytes, sha256) = await WriteAsync(blobName, command.Body, cancellationToken);
        try
        {
            switch (command.Kind)
            {
                case RecordingObjectKind.GnssTrack:
                    await ReplaceTrackAsync(recording, blobName, cancellationToken);
                    break;
                case RecordingObjectKind.Bookmark:
                    await ReplaceBookmarkAsync(recording.Id, objectId, command, blobName, bytes, cancellationToken);
                    break;
            }
        }
        catch (RequestValidationException)
        {
            await store.DeleteAsync(blobName, CancellationToken.None);
            throw;
        }

        db.RecordingObjects.Add(
            RecordingObject.Attachment(objectId, recording.Id, command.ObjectName, command.Kind, blobName, bytes, sha256, command.Metadata, now));
        db.CustodyEvents.Record(
            CustodyAction.RecordingObjectStored, caller.Actor, contentSha256: sha256,
            reason: $"{RecordingObjectKinds.Name(command.Kind)} object '{command.ObjectName}', {bytes} bytes" + RecordingCustody.Sender(recording));
        if (command.Kind == RecordingObjectKind.Bookmark && command.Metadata.GetValueOrDefault(BookmarkKeys.CategoryId) is { Length: > 0 } categoryId)
        {
            var clips = await db.EvidenceItems.Where(e => e.RecordingId == recording.Id).Select(e => e.Id).ToListAsync(cancellationToken);
            await db.ChangeAsync(
                clips, ItemCategories.Adding([categoryId]), caller.Actor, now, $"from bookmark '{command.ObjectName}'" + RecordingCustody.Sender(recording), retention, cancellationToken);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return new StoredRecordingObject(objectId, bytes, sha256);
    }

    /// <summary>Streams the body into the store block by block, hashing as it goes.</summary>
    private async Task<(long Bytes, string Sha256)> WriteAsync(string blobName, Stream body, CancellationToken cancellationToken)
    {
        var blockSize = Math.Min(settings.Ingestion.BlockSize, store.MaxBlockSize);
        var buffer = ArrayPool<byte>.Shared.Rent(blockSize);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        var blocks = 0;
        try
        {
            while (true)
            {
                var filled = await body.ReadAtLeastAsync(buffer.AsMemory(0, blockSize), blockSize, throwOnEndOfStream: false, cancellationToken);
                if (filled == 0 && blocks > 0)
                {
                    break;
                }
                total += filled;
                if (total > StoreRecordingObject.MaxBytes)
                {
                    throw new PayloadTooLargeException($"Objects other than clips may have at most {StoreRecordingObject.MaxBytes} bytes.");
                }
                hash.AppendData(buffer, 0, filled);
                await store.StageBlockAsync(blobName, blocks++, buffer.AsMemory(0, filled), cancellationToken);
                if (filled < blockSize)
                {
                    break;
                }
            }
        }
        catch
        {
            await store.DiscardStagedBlocksAsync(blobName, CancellationToken.None);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        await store.CommitBlocksAsync(blobName, blocks, cancellationToken);
        return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>A track sent again replaces the one before: the system sends the whole track each time.</summary>
    private async Task ReplaceTrackAsync(Recording recording, string blobName, CancellationToken cancellationToken)
    {
        await using var content = await store.OpenReadAsync(blobName, 0, null, cancellationToken);
        var track = await GnssTrail.ReadAsync(content, cancellationToken);
        var points = track.Select((point, index) =>
            GnssPoint.At(recording.Id, index, point.Longitude, point.Latitude, point.SecondsFromStart, point.Timestamp)).ToList();
        db.GnssPoints.RemoveRange(await db.GnssPoints.Where(p => p.RecordingId == recording.Id).ToListAsync(cancellationToken));
        db.GnssPoints.AddRange(points);
        recording.BoundTrack(points);
    }

    private async Task ReplaceBookmarkAsync(
        Guid recordingId, Guid objectId, StoreRecordingObject command, string blobName, long bytes, CancellationToken cancellationToken)
    {
        if (bytes > MaxBookmarkTextBytes)
        {
            throw RequestValidationException.For("Body", $"A bookmark's text may have at most {MaxBookmarkTextBytes} bytes.");
        }
        string text;
        await using (var content = await store.OpenReadAsync(blobName, 0, null, cancellationToken))
        using (var reader = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            try
            {
                text = await reader.ReadToEndAsync(cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                throw RequestValidationException.For("Body", "A bookmark's text must be UTF-8.");
            }
        }
        if (FreeText.Refusal(text, allowLineBreaks: true) is { } refusal)
        {
            throw RequestValidationException.For("Body", $"A bookmark's text is refused: {refusal}");
        }
        var metadata = command.Metadata;
        db.Bookmarks.RemoveRange(await db.Bookmarks.Where(b => b.RecordingId == recordingId && b.ObjectName == command.ObjectName).ToListAsync(cancellationToken));
        db.Bookmarks.Add(Bookmark.Mark(
            objectId, recordingId, command.ObjectName, text,
            metadata.GetValueOrDefault(BookmarkKeys.CategoryId), metadata.GetValueOrDefault(BookmarkKeys.CategoryName), metadata.GetValueOrDefault(BookmarkKeys.Tags),
            Time(metadata, BookmarkKeys.StartTime), Time(metadata, BookmarkKeys.EndTime)));
    }

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.GetValueOrDefault(key) is not { } value ? null
        : RecordingMetadata.TryParseUtc(value, out var time) ? time.ToUniversalTime()
        : throw RequestValidationException.For(key, "An RFC 3339 UTC time such as 2024-05-01T12:00:00Z is expected.");
}

/// <summary>The bookmark facts read into the recording; the spec's names, matched without regard to case.</summary>
public static class BookmarkKeys
{
    public const string CategoryId = "CategoryID";
    public const string CategoryName = "CategoryName";
    public const string Tags = "Tags";
    public const string StartTime = "StartTime";
    public const string EndTime = "EndTime";
}
