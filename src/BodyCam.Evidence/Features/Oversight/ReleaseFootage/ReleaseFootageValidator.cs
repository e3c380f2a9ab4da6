using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Oversight;

public sealed class ReleaseFootageValidator : AbstractValidator<ReleaseFootage>
{
    public ReleaseFootageValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(CustodyEvent.MaxReasonTextLength).IsFreeText();
}
