using BodyCam.Evidence.Features.Ingestion;
using FluentValidation;

namespace BodyCam.Evidence.Features.Officers.RegisterAxisUser;

public sealed class RegisterAxisUserValidator : AbstractValidator<RegisterAxisUser>
{
    public RegisterAxisUserValidator()
    {
        RuleFor(user => user.Name).NotEmpty().MaximumLength(100).Must(name => !name.Any(char.IsControl))
            .WithMessage("A name of at most 100 characters, without control characters, is required.").OverridePropertyName("Name");
        RuleFor(user => user.UserId).Must(id => id is null || RecordingMetadata.IsIdentifier(id))
            .WithMessage("1-64 letters, digits, '.', '_', ':' or '-'.").OverridePropertyName("UserID");
    }
}
