using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Compliance;

public sealed class GetUnreviewedItemsValidator : AbstractValidator<GetUnreviewedItems>
{
    public GetUnreviewedItemsValidator()
    {
        RuleFor(q => q.Category).MaximumLength(100).IsFreeText();
        this.ValidatePeriod(q => q.From, q => q.To);
        this.ValidateLimit(q => q.Limit);
    }
}
