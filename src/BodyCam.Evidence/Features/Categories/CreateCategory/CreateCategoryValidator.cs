using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Categories;

public sealed class CreateCategoryValidator : AbstractValidator<CreateCategory>
{
    public CreateCategoryValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100).Must(name => name.Trim().Length > 0)
            .WithMessage("1-100 characters, not only spaces.").IsFreeText();
        RuleFor(c => c.RetentionDays).InclusiveBetween(1, 365 * 100);
    }
}
