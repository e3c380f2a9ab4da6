using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Officers;

public sealed class PutOfficerValidator : AbstractValidator<PutOfficer>
{
    public PutOfficerValidator()
    {
        RuleFor(c => c.OfficerId).NotEmpty().MaximumLength(64).Must(id => id.Trim() == id)
            .WithMessage("1-64 characters without surrounding spaces.").IsFreeText();
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100).IsFreeText();
        RuleFor(c => c.Unit).MaximumLength(100).IsFreeText();
    }
}
