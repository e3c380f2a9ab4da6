using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Ingestion;

public sealed class GetUploadOffsetValidator : AbstractValidator<GetUploadOffset>
{
    public GetUploadOffsetValidator() => RuleFor(c => c.UploadId).IsFreeText();
}
