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
/// caller's view session; the bytes follow once the transaction has committed.
/// </summary>
[RequiresRole(Roles.Officer, Roles.Supervisor, Roles.Custodian)]
public sealed record PlayEvidence(Guid EvidenceId, string Reason, ContentConditions Conditions) : ICommand<ContentSelection>, IEvidenceItemMessage;

internal sealed class PlayEvidenceHandler(EvidenceDb db, IBlobStore store, ICurrentActor caller, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<PlayEvidence, ContentSelection>
{
    public async ValueTask<ContentSelection> Handle(PlayEvidence command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.AsNoTracking().SingleOrDefaultAsync(e => e.Id == command.EvidenceId, cancellationToken)
            ?? throw new NotFoundException($"There is no evidence item {command.EvidenceId}.");
        await db.EnsureViewableAsync(item, caller, nameof(PlayEvidence), cancellationToken);

        // A verified item's size is proven; a store that may hold other bytes than were received is asked.
        var length = item.Status == EvidenceStatus.Verified
            ? item.Bytes
            : await store.GetSizeAsync(item.BlobName, cancellationToken) ?? throw new NotFoundException($"Evidence {item.Id} has no stored content.");
        var content = new EvidenceContent(
            item.BlobName, length, MediaType(item.Recording.ContentType), $"\"{item.StoredSha256 ?? item.StreamSha256}\"", item.Recording.FileName);
        var selection = ContentSelection.Select(content, command.Conditions);
        if (selection.Serves is { } ranges)
        {
            await db.RecordViewAsync(
                caller.Actor, item.Id, item.StreamSha256, length, command.Reason.Trim(), ranges, clock.GetUtcNow(), settings.Playback.SessionIdle, cancellationToken);
        }
        return selection;
    }

    /// <summary>The sender's content type when it is one; anything else is served as bytes.</summary>
    private static string MediaType(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && !parsed.MatchesAllSubTypes ? parsed.ToString() : "application/octet-stream";
}
