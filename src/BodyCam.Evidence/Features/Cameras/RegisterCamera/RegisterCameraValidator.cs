using BodyCam.Evidence.Features.Ingestion;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Cameras;

public sealed class RegisterCameraValidator : AbstractValidator<RegisterCamera>
{
    public RegisterCameraValidator()
    {
        RuleFor(camera => camera.Serial).Must(RecordingMetadata.IsIdentifier)
            .WithMessage("The serial number: 1-64 letters, digits, '.', '_', ':' or '-'.").OverridePropertyName("BWCSerialNumber");
        RuleFor(camera => camera.Name).MaximumLength(100).IsFreeText().OverridePropertyName("Name");
        RuleFor(camera => camera.Model).MaximumLength(64).IsFreeText().OverridePropertyName("Model");
    }
}
