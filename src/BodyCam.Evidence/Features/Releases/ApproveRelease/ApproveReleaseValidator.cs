using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Releases;

public sealed class ApproveReleaseValidator : AbstractValidator<ApproveRelease>
{
    public ApproveReleaseValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(CustodyEvent.MaxReasonTextLength).IsFreeText();
}
