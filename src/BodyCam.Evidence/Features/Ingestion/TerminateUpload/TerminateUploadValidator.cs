using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Ingestion;

public sealed class TerminateUploadValidator : AbstractValidator<TerminateUpload>
{
    public TerminateUploadValidator() => RuleFor(c => c.UploadId).IsFreeText();
}
