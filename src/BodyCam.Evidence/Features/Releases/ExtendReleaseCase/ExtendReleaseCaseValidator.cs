using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Releases;

public sealed class ExtendReleaseCaseValidator : AbstractValidator<ExtendReleaseCase>
{
    public ExtendReleaseCaseValidator() => RuleFor(c => c.Reason).MaximumLength(CustodyEvent.MaxReasonTextLength).IsFreeText();
}
