using BodyCam.Evidence.Features.Exports;
using FluentValidation;

namespace BodyCam.Evidence.Features.Releases;

public sealed class PrepareReleaseClipValidator : AbstractValidator<PrepareReleaseClip>
{
    public PrepareReleaseClipValidator()
    {
        RuleFor(c => c.EvidenceId).NotEmpty();
        RuleFor(c => c.StartSeconds).NotNull().InclusiveBetween(0, RequestClipValidator.MaximumOffsetSeconds);
        RuleFor(c => c.EndSeconds).NotNull()
            .GreaterThan(c => c.StartSeconds).WithMessage("'endSeconds' must be after 'startSeconds'.")
            .LessThanOrEqualTo(RequestClipValidator.MaximumOffsetSeconds);
        RuleFor(c => c.Redactions.Count).LessThanOrEqualTo(RequestClipValidator.MaximumRedactions).OverridePropertyName("redactions")
            .WithMessage($"At most {RequestClipValidator.MaximumRedactions} redactions per clip.");
        RuleForEach(c => c.Redactions).SetValidator(new ClipRedactionValidator());
        RuleFor(c => c).Custom((command, context) => ClipRedactionValidator.WithinTheClip(command.StartSeconds!.Value, command.EndSeconds!.Value, command.Redactions, context))
            .When(c => c.StartSeconds is not null && c.EndSeconds > c.StartSeconds);
    }
}
