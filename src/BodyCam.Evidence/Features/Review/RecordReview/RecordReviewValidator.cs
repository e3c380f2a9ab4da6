using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Review;

public sealed class RecordReviewValidator : AbstractValidator<RecordReview>
{
    public RecordReviewValidator()
    {
        RuleFor(c => c.Outcome).Must(ReviewOutcomes.IsOutcome).WithMessage($"Use one of: {ReviewOutcomes.Names}.");
        RuleFor(c => c.Comment).MaximumLength(2000).IsFreeText(allowLineBreaks: true);
    }
}
