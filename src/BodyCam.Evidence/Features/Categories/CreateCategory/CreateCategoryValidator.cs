using FluentValidation;

namespace BodyCam.Evidence.Features.Categories.CreateCategory;

public sealed class CreateCategoryValidator : AbstractValidator<CreateCategory>
{
    public CreateCategoryValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100).Must(name => !name.Any(char.IsControl) && name.Trim().Length > 0)
            .WithMessage("1-100 characters, not only spaces, no control characters.");
        RuleFor(c => c.RetentionDays).InclusiveBetween(1, 365 * 100);
    }
}
