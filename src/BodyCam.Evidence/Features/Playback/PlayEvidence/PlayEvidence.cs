using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using BodyCam.Evidence.Infrastructure.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace BodyCam.Evidence.Features.Playback;

/// <summary>
/// A request for an item's media, whole or in ranges. Whatever it is about to serve is first committed to the
/// caller's view session, together with the views of concurrent requests (<see cref="ViewRecorder"/>); the bytes
/// follow once that commit is done.
/// </summary>
[RequiresRole(Roles.Officer, Roles.Supervisor, Roles.Custodian)]
public sealed record PlayEvidence(Guid EvidenceId, string Reason, ContentConditions Conditions) : ICommand<ContentSelection>, IEvidenceItemMessage, ICommitsItself;

internal sealed class PlayEvidenceHandler(EvidenceDb db, IBlobStore store, ICurrentActor caller, ViewRecorder recorder, TimeProvider clock)
    : ICommandHandler<PlayEvidence, ContentSelection>
{
    /// <summary>The columns playing needs, compiled once: a player asks again for every seek and buffer refill.</summary>
    private static readonly CompiledPerModel<Func<EvidenceDb, Guid, CancellationToken, Task<PlayableItem?>>> Playable = new(() =>
        EF.CompileAsyncQuery((EvidenceDb db, Guid id, CancellationToken _) => db.EvidenceItems.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new PlayableItem(
                e.Id, e.Status, e.Disposition, e.BlobName, e.Bytes, e.StreamSha256, e.StoredSha256, e.Recording.ContentType, e.Recording.FileName))
            .FirstOrDefault()));

    public async ValueTask<ContentSelection> Handle(PlayEvidence command, CancellationToken cancellationToken)
    {
        var item = await Playable.For(db)(db, command.EvidenceId, cancellationToken)
            ?? throw new NotFoundException($"There is no evidence item {command.EvidenceId}.");
        await db.EnsureViewableAsync(item.Id, item.Status, item.Disposition, caller, nameof(PlayEvidence), cancellationToken);

        // A verified item's size is proven; a store that may hold other bytes than were received is asked.
        var length = item.Status == EvidenceStatus.Verified
            ? item.Bytes
            : await store.GetSizeAsync(item.BlobName, cancellationToken) ?? throw new NotFoundException($"Evidence {item.Id} has no stored content.");
        var content = new EvidenceContent(item.BlobName, length, MediaType(item.ContentType), $"\"{item.StoredSha256 ?? item.StreamSha256}\"", item.FileName);
        var selection = ContentSelection.Select(content, command.Conditions);
        if (selection.Serves is { } ranges)
        {
            await recorder.RecordAsync(new ViewRequest(caller.Actor, item.Id, item.StreamSha256, length, command.Reason.Trim(), ranges, clock.GetUtcNow()), cancellationToken);
        }
        return selection;
    }

    /// <summary>The sender's content type when it is one; anything else is served as bytes.</summary>
    private static string MediaType(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && !parsed.MatchesAllSubTypes ? parsed.ToString() : "application/octet-stream";

    private sealed record PlayableItem(
        Guid Id, EvidenceStatus Status, DispositionState Disposition, string BlobName, long Bytes, string StreamSha256, string? StoredSha256,
        string ContentType, string FileName);
}
