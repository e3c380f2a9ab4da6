using FluentValidation;

namespace BodyCam.Evidence.Features.Compliance;

public sealed class GetUncategorisedItemsValidator : AbstractValidator<GetUncategorisedItems>
{
    public GetUncategorisedItemsValidator()
    {
        this.ValidatePeriod(q => q.From, q => q.To);
        this.ValidateLimit(q => q.Limit);
    }
}
