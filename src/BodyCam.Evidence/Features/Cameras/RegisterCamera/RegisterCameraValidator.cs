using BodyCam.Evidence.Features.Ingestion;
using FluentValidation;

namespace BodyCam.Evidence.Features.Cameras.RegisterCamera;

public sealed class RegisterCameraValidator : AbstractValidator<RegisterCamera>
{
    public RegisterCameraValidator()
    {
        RuleFor(camera => camera.Serial).Must(RecordingMetadata.IsIdentifier)
            .WithMessage("The serial number: 1-64 letters, digits, '.', '_', ':' or '-'.").OverridePropertyName("BWCSerialNumber");
        RuleFor(camera => camera.Name).MaximumLength(100).Must(name => !name.Any(char.IsControl)).OverridePropertyName("Name");
        RuleFor(camera => camera.Model).MaximumLength(64).OverridePropertyName("Model");
    }
}
