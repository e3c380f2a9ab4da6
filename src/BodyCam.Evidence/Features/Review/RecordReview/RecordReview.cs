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
/// A supervisor of the item's unit records that they reviewed it, and what they concluded. Custodians keep
/// evidence but do not judge conduct, so only supervisors review; and none reviews their own recording.
/// </summary>
[RequiresRole(Roles.Supervisor)]
public sealed record RecordReview(Guid EvidenceId, string Outcome, string? Comment) : ICommand<ReviewView>, IEvidenceItemMessage;

public sealed record ReviewView(Guid Id, string Outcome, string? Comment, string Reviewer, DateTimeOffset ReviewedAt);

internal sealed class RecordReviewHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<RecordReview, ReviewView>
{
    public async ValueTask<ReviewView> Handle(RecordReview command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.Where(e => e.Id == command.EvidenceId).Select(e => new { e.StreamSha256, e.Recording.OfficerId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no evidence item {command.EvidenceId}.");
        if (item.OfficerId == caller.Actor.Id)
        {
            throw await db.RefuseAsync(
                caller.Actor, $"{nameof(RecordReview)} of the reviewer's own recording",
                "A supervisor does not review their own recording; another supervisor of the unit does.", command.EvidenceId, cancellationToken);
        }
        var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
        var review = EvidenceReview.Record(command.EvidenceId, ReviewOutcomes.Parse(command.Outcome), comment, caller.Actor.Id, clock.GetUtcNow());
        db.EvidenceReviews.Add(review);
        db.CustodyEvents.Record(
            CustodyAction.Reviewed, caller.Actor, command.EvidenceId, item.StreamSha256,
            reason: $"review {review.Id}: {review.Outcome}" + (comment is null ? "" : $", comment SHA-256 {ReviewText.Sha256(comment)}"));
        return new ReviewView(review.Id, review.Outcome.ToString(), review.Comment, review.Reviewer, review.ReviewedAt);
    }
}

public static class ReviewOutcomes
{
    public static readonly string Names = string.Join(", ", Enum.GetNames<ReviewOutcome>());

    /// <summary>Names only, in any case: <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would also take numbers.</summary>
    public static bool IsOutcome(string? value) => value is not null && Enum.GetNames<ReviewOutcome>().Contains(value, StringComparer.OrdinalIgnoreCase);

    public static ReviewOutcome Parse(string value) => Enum.Parse<ReviewOutcome>(value, ignoreCase: true);
}
