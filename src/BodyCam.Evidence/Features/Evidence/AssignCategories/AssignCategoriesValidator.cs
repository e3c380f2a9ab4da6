using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Evidence;

public sealed class AssignCategoriesValidator : AbstractValidator<AssignCategories>
{
    public AssignCategoriesValidator()
    {
        RuleFor(c => c.Categories).NotNull().WithMessage("Give the item's categories, [] for none.");
        RuleFor(c => c.Categories).Must(categories => categories.Distinct().Count() <= AssignCategories.MaxCategories)
            .When(c => c.Categories is not null)
            .WithMessage($"At most {AssignCategories.MaxCategories} categories.");
        RuleFor(c => c.Categories).Must(categories => categories.All(id => !string.IsNullOrEmpty(id) && id.Length <= 100))
            .When(c => c.Categories is not null)
            .WithMessage("Each category is a category id.");
        RuleForEach(c => c.Categories).IsFreeText();
    }
}
