using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Playback;

public sealed class ViewPosterValidator : AbstractValidator<ViewPoster>
{
    public ViewPosterValidator() => RuleFor(c => c.Reason).MaximumLength(AccessReason.MaxLength).IsFreeText();
}
