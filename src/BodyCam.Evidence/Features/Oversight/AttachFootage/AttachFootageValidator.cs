using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Oversight;

public sealed class AttachFootageValidator : AbstractValidator<AttachFootage>
{
    public const int MaxItems = 200;

    public AttachFootageValidator()
    {
        RuleFor(c => c.EvidenceIds).NotEmpty().WithMessage("Name at least one evidence item to attach.");
        RuleFor(c => c.EvidenceIds).Must(ids => ids is null || ids.Count <= MaxItems).WithMessage($"At most {MaxItems} items at a time.");
        RuleFor(c => c.Note).NotEmpty().MaximumLength(CustodyEvent.MaxReasonTextLength).IsFreeText();
    }
}
