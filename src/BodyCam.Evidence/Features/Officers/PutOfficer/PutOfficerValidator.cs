using FluentValidation;

namespace BodyCam.Evidence.Features.Officers.PutOfficer;

public sealed class PutOfficerValidator : AbstractValidator<PutOfficer>
{
    public PutOfficerValidator()
    {
        RuleFor(c => c.OfficerId).NotEmpty().MaximumLength(64).Must(id => !id.Any(char.IsControl) && id.Trim() == id)
            .WithMessage("1-64 characters, no control characters or surrounding spaces.");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100).Must(name => !name.Any(char.IsControl));
        RuleFor(c => c.Unit).MaximumLength(100).Must(unit => unit is null || !unit.Any(char.IsControl));
    }
}
