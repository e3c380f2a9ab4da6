using System.Globalization;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Review;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Review;

/// <summary>
/// Marks a moment (<see cref="StartSeconds"/>) or a span (to <see cref="EndSeconds"/>) of an item's media, in seconds
/// from its start. Once the media is probed the mark must lie within its duration; before, only its order is checked.
/// </summary>
[RequiresRole(Roles.Officer, Roles.Supervisor, Roles.Custodian)]
public sealed record AddBookmark(Guid EvidenceId, double StartSeconds, double? EndSeconds, string Label, IReadOnlyList<string>? Tags)
    : ICommand<ReviewerBookmark>, IEvidenceItemMessage
{
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;
}

public sealed record ReviewerBookmark(
    Guid Id, double StartSeconds, double? EndSeconds, string Label, IReadOnlyList<string> Tags, string Author, DateTimeOffset CreatedAt)
{
    public static ReviewerBookmark Of(EvidenceBookmark bookmark) =>
        Of(bookmark.Id, bookmark.StartSeconds, bookmark.EndSeconds, bookmark.Label, bookmark.Tags, bookmark.Author, bookmark.CreatedAt);

    /// <summary>Tags are kept as a JSON array of strings.</summary>
    public static ReviewerBookmark Of(Guid id, double startSeconds, double? endSeconds, string label, string? tags, string author, DateTimeOffset createdAt) =>
        new(id, startSeconds, endSeconds, label, tags is null ? [] : JsonSerializer.Deserialize<string[]>(tags) ?? [], author, createdAt);
}

internal sealed class AddBookmarkHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<AddBookmark, ReviewerBookmark>
{
    public async ValueTask<ReviewerBookmark> Handle(AddBookmark command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.Where(e => e.Id == command.EvidenceId).Select(e => new { e.StreamSha256, e.Media.DurationSeconds })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no evidence item {command.EvidenceId}.");
        if (item.DurationSeconds is { } duration)
        {
            var beyond = $"The media lasts {duration.ToString(CultureInfo.InvariantCulture)} seconds.";
            if (command.StartSeconds > duration)
            {
                throw RequestValidationException.For("startSeconds", beyond);
            }
            if (command.EndSeconds > duration)
            {
                throw RequestValidationException.For("endSeconds", beyond);
            }
        }
        var tags = command.Tags is { Count: > 0 } given ? JsonSerializer.Serialize(given.Select(t => t.Trim()).Distinct()) : null;
        var bookmark = EvidenceBookmark.Mark(command.EvidenceId, command.StartSeconds, command.EndSeconds, command.Label.Trim(), tags, caller.Actor.Id, clock.GetUtcNow());
        db.EvidenceBookmarks.Add(bookmark);
        var span = bookmark.EndSeconds is { } end
            ? $"{bookmark.StartSeconds.ToString(CultureInfo.InvariantCulture)}-{end.ToString(CultureInfo.InvariantCulture)} s"
            : $"{bookmark.StartSeconds.ToString(CultureInfo.InvariantCulture)} s";
        db.CustodyEvents.Record(
            CustodyAction.BookmarkAdded, caller.Actor, command.EvidenceId, item.StreamSha256,
            reason: $"bookmark {bookmark.Id} at {span}, label and tags SHA-256 {ReviewText.Sha256(bookmark.Label + "\n" + tags)}");
        return ReviewerBookmark.Of(bookmark);
    }
}
