using FluentValidation;

namespace BodyCam.Evidence.Features.Exports.RequestClip;

public sealed class RequestClipValidator : AbstractValidator<RequestClip>
{
    public RequestClipValidator()
    {
        RuleFor(c => c.EvidenceId).NotEmpty();
        RuleFor(c => c.StartSeconds).GreaterThanOrEqualTo(0);
        RuleFor(c => c.EndSeconds).GreaterThan(c => c.StartSeconds).WithMessage("'endSeconds' must be after 'startSeconds'.");
        RuleFor(c => c.Purpose).NotEmpty().MaximumLength(2000);
        RuleFor(c => c.WithRedactions).Equal(false).OverridePropertyName("redactions")
            .WithMessage("Redactions (blur rectangles, audio mute ranges) are not supported yet: ask for the clip without them.");
    }
}
