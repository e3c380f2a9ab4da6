using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Categories;

public sealed class PutCategoryValidator : AbstractValidator<PutCategory>
{
    public PutCategoryValidator()
    {
        RuleFor(c => c.CategoryId).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9._:-]+$")
            .WithMessage("1-64 letters, digits, '.', '_', ':' or '-'.");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100).IsFreeText();
        RuleFor(c => c.RetentionDays).InclusiveBetween(1, 365 * 100);
    }
}
