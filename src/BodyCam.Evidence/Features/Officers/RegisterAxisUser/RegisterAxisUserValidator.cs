using BodyCam.Evidence.Features.Ingestion;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Officers;

public sealed class RegisterAxisUserValidator : AbstractValidator<RegisterAxisUser>
{
    public RegisterAxisUserValidator()
    {
        RuleFor(user => user.Name).NotEmpty().MaximumLength(100).IsFreeText().OverridePropertyName("Name");
        RuleFor(user => user.UserId).Must(id => id is null || RecordingMetadata.IsIdentifier(id))
            .WithMessage("1-64 letters, digits, '.', '_', ':' or '-'.").OverridePropertyName("UserID");
    }
}
