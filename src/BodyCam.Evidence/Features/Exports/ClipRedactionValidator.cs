using System.Globalization;
using BodyCam.Evidence.Verification.Exports;
using FluentValidation;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>What a blur rectangle or a mute must be, whoever asks for the clip: a board, or a custodian preparing a public release.</summary>
public sealed class ClipRedactionValidator : AbstractValidator<ClipRedaction>
{
    public ClipRedactionValidator()
    {
        RuleFor(r => r.Kind).Must(kind => kind is ClipRedaction.Blur or ClipRedaction.Mute)
            .WithMessage($"'kind' is '{ClipRedaction.Blur}' (a rectangle) or '{ClipRedaction.Mute}' (the audio).");
        RuleFor(r => r.StartSeconds).GreaterThanOrEqualTo(0);
        RuleFor(r => r.EndSeconds).GreaterThan(r => r.StartSeconds).WithMessage("'endSeconds' must be after 'startSeconds'.");
        When(r => r.Kind == ClipRedaction.Blur, () =>
        {
            RuleFor(r => r.X).NotNull().GreaterThanOrEqualTo(0);
            RuleFor(r => r.Y).NotNull().GreaterThanOrEqualTo(0);
            RuleFor(r => r.Width).NotNull().GreaterThanOrEqualTo(RequestClipValidator.MinimumBlurSide);
            RuleFor(r => r.Height).NotNull().GreaterThanOrEqualTo(RequestClipValidator.MinimumBlurSide);
        });
        When(r => r.Kind == ClipRedaction.Mute, () =>
        {
            RuleFor(r => new[] { r.X, r.Y, r.Width, r.Height }).Must(rectangle => rectangle.All(v => v is null))
                .OverridePropertyName("kind").WithMessage("A mute silences the whole audio: it has no rectangle.");
        });
    }

    /// <summary>Each redaction must lie within the clip's range, named by its index.</summary>
    public static void WithinTheClip<T>(double startSeconds, double endSeconds, IReadOnlyList<ClipRedaction> redactions, ValidationContext<T> context)
    {
        for (var i = 0; i < redactions.Count; i++)
        {
            var redaction = redactions[i];
            if (!redaction.LiesWithin(startSeconds, endSeconds))
            {
                context.AddFailure(
                    redaction.StartSeconds < startSeconds ? $"redactions[{i}].startSeconds" : $"redactions[{i}].endSeconds",
                    string.Create(CultureInfo.InvariantCulture, $"A redaction must lie within the clip, {startSeconds:0.###}–{endSeconds:0.###} s of the recording."));
            }
        }
    }
}
