using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Ingestion;

public sealed class AppendToUploadValidator : AbstractValidator<AppendToUpload>
{
    public AppendToUploadValidator() => RuleFor(c => c.UploadId).IsFreeText();
}
