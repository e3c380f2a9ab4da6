using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Docks;

public sealed class RegisterDockValidator : AbstractValidator<RegisterDock>
{
    public RegisterDockValidator()
    {
        RuleFor(dock => dock.Name).NotEmpty().MaximumLength(100)
            .Matches("^[\\p{L}\\p{N} ._-]+$").WithMessage("Use letters, digits, spaces, dot, dash or underscore.");
        RuleFor(dock => dock.Site).MaximumLength(100).IsFreeText();
    }
}
