using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Oversight;

public sealed class RecordNoFootageValidator : AbstractValidator<RecordNoFootage>
{
    public RecordNoFootageValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(CustodyEvent.MaxReasonTextLength).IsFreeText();
}
