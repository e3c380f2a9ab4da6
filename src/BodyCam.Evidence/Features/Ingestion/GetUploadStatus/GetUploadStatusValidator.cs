using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Ingestion;

public sealed class GetUploadStatusValidator : AbstractValidator<GetUploadStatus>
{
    public GetUploadStatusValidator() => RuleFor(c => c.UploadId).IsFreeText();
}
