using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Exports;

public sealed class RequestClipValidator : AbstractValidator<RequestClip>
{
    /// <summary>
    /// boxblur's radius may not exceed half the rectangle's smaller side, in the chroma planes too (half the luma
    /// size), so a smaller rectangle could hardly be blurred at all.
    /// </summary>
    public const int MinimumBlurSide = 8;

    public const int MaximumRedactions = 50;

    public const double MaximumWindowSeconds = 600;

    /// <summary>
    /// About 116 days, beyond any recording: it keeps the range's text in the request's custody event short, where a
    /// double's largest value would take 309 digits.
    /// </summary>
    public const double MaximumOffsetSeconds = 10_000_000;

    public RequestClipValidator()
    {
        RuleFor(c => c.EvidenceId).NotEmpty();
        When(c => c.BookmarkId is null, () =>
        {
            RuleFor(c => c.StartSeconds).NotNull().WithMessage("Give 'startSeconds' and 'endSeconds', or a 'bookmarkId'.").InclusiveBetween(0, MaximumOffsetSeconds);
            RuleFor(c => c.EndSeconds).NotNull().WithMessage("Give 'startSeconds' and 'endSeconds', or a 'bookmarkId'.")
                .GreaterThan(c => c.StartSeconds).WithMessage("'endSeconds' must be after 'startSeconds'.")
                .LessThanOrEqualTo(MaximumOffsetSeconds);
            RuleFor(c => new[] { c.BeforeSeconds, c.AfterSeconds }).Must(window => window.All(s => s is null))
                .OverridePropertyName("beforeSeconds").WithMessage("'beforeSeconds' and 'afterSeconds' are a window around a bookmarked moment: give a 'bookmarkId'.");
            RuleFor(c => c).Custom(RedactionsWithinTheRange).When(c => c.StartSeconds is not null && c.EndSeconds is not null);
        }).Otherwise(() =>
        {
            RuleFor(c => c.BookmarkId).NotEqual(Guid.Empty);
            RuleFor(c => new[] { c.StartSeconds, c.EndSeconds }).Must(offsets => offsets.All(s => s is null))
                .OverridePropertyName("bookmarkId").WithMessage("Give either 'startSeconds' and 'endSeconds' or a 'bookmarkId', not both.");
            RuleFor(c => c.BeforeSeconds).InclusiveBetween(0, MaximumWindowSeconds);
            RuleFor(c => c.AfterSeconds).InclusiveBetween(0, MaximumWindowSeconds);
        });
        RuleFor(c => c.Purpose).NotEmpty().MaximumLength(CustodyEvent.MaxReasonTextLength).IsFreeText();
        RuleFor(c => c.Redactions.Count).LessThanOrEqualTo(MaximumRedactions).OverridePropertyName("redactions")
            .WithMessage($"At most {MaximumRedactions} redactions per clip.");
        RuleForEach(c => c.Redactions).SetValidator(new ClipRedactionValidator());
    }

    /// <summary>
    /// Against the offsets the board gave, a redaction's place is the request's own affair and is answered at once; one
    /// against a bookmark's range, and the frame and audio it needs, are the item's facts, weighed at review.
    /// </summary>
    private static void RedactionsWithinTheRange(RequestClip command, ValidationContext<RequestClip> context) =>
        ClipRedactionValidator.WithinTheClip(command.StartSeconds!.Value, command.EndSeconds!.Value, command.Redactions, context);
}
