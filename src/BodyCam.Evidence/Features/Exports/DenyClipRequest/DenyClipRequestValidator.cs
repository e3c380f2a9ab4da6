using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Exports;

public sealed class DenyClipRequestValidator : AbstractValidator<DenyClipRequest>
{
    public DenyClipRequestValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(CustodyEvent.MaxReasonTextLength).IsFreeText();
}
