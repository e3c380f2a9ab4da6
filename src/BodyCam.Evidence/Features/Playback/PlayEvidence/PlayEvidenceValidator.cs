using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Playback;

public sealed class PlayEvidenceValidator : AbstractValidator<PlayEvidence>
{
    public PlayEvidenceValidator() =>
        RuleFor(c => c.Reason)
            .NotEmpty().WithMessage($"Say why you view this item: the {AccessReason.Header} header or the {AccessReason.QueryParameter} query parameter.")
            .MaximumLength(AccessReason.MaxLength)
            .IsFreeText();
}
