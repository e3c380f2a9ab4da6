using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.LegalHolds;

public sealed class ReleaseLegalHoldValidator : AbstractValidator<ReleaseLegalHold>
{
    public ReleaseLegalHoldValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(CustodyEvent.MaxReasonTextLength).IsFreeText();
}
