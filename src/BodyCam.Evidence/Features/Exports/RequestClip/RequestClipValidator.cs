using BodyCam.Evidence.Verification.Exports;
using FluentValidation;

namespace BodyCam.Evidence.Features.Exports.RequestClip;

public sealed class RequestClipValidator : AbstractValidator<RequestClip>
{
    /// <summary>
    /// boxblur's radius may not exceed half the rectangle's smaller side, in the chroma planes too (half the luma
    /// size), so a smaller rectangle could hardly be blurred at all.
    /// </summary>
    public const int MinimumBlurSide = 8;

    public const int MaximumRedactions = 50;

    public RequestClipValidator()
    {
        RuleFor(c => c.EvidenceId).NotEmpty();
        RuleFor(c => c.StartSeconds).GreaterThanOrEqualTo(0);
        RuleFor(c => c.EndSeconds).GreaterThan(c => c.StartSeconds).WithMessage("'endSeconds' must be after 'startSeconds'.");
        RuleFor(c => c.Purpose).NotEmpty().MaximumLength(2000);
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
}
