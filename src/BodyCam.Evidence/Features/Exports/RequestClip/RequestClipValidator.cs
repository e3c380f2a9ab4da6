using System.Globalization;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Text;
using BodyCam.Evidence.Verification.Exports;
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
        RuleForEach(c => c.Redactions).ChildRules(redaction =>
        {
            redaction.RuleFor(r => r.Kind).Must(kind => kind is ClipRedaction.Blur or ClipRedaction.Mute)
                .WithMessage($"'kind' is '{ClipRedaction.Blur}' (a rectangle) or '{ClipRedaction.Mute}' (the audio).");
            redaction.RuleFor(r => r.StartSeconds).GreaterThanOrEqualTo(0);
            redaction.RuleFor(r => r.EndSeconds).GreaterThan(r => r.StartSeconds).WithMessage("'endSeconds' must be after 'startSeconds'.");
            redaction.When(r => r.Kind == ClipRedaction.Blur, () =>
            {
                redaction.RuleFor(r => r.X).NotNull().GreaterThanOrEqualTo(0);
                redaction.RuleFor(r => r.Y).NotNull().GreaterThanOrEqualTo(0);
                redaction.RuleFor(r => r.Width).NotNull().GreaterThanOrEqualTo(MinimumBlurSide);
                redaction.RuleFor(r => r.Height).NotNull().GreaterThanOrEqualTo(MinimumBlurSide);
            });
            redaction.When(r => r.Kind == ClipRedaction.Mute, () =>
            {
                redaction.RuleFor(r => new[] { r.X, r.Y, r.Width, r.Height }).Must(rectangle => rectangle.All(v => v is null))
                    .OverridePropertyName("kind").WithMessage("A mute silences the whole audio: it has no rectangle.");
            });
        });
    }

    /// <summary>
    /// Against the offsets the board gave, a redaction's place is the request's own affair and is answered at once; one
    /// against a bookmark's range, and the frame and audio it needs, are the item's facts, weighed at review.
    /// </summary>
    private static void RedactionsWithinTheRange(RequestClip command, ValidationContext<RequestClip> context)
    {
        for (var i = 0; i < command.Redactions.Count; i++)
        {
            var redaction = command.Redactions[i];
            if (!redaction.LiesWithin(command.StartSeconds!.Value, command.EndSeconds!.Value))
            {
                context.AddFailure(
                    redaction.StartSeconds < command.StartSeconds ? $"redactions[{i}].startSeconds" : $"redactions[{i}].endSeconds",
                    string.Create(CultureInfo.InvariantCulture,
                        $"A redaction must lie within the clip, {command.StartSeconds:0.###}–{command.EndSeconds:0.###} s of the recording."));
            }
        }
    }
}
