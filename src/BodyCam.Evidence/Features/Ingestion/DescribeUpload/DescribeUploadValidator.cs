using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Ingestion.DescribeUpload;

public sealed class DescribeUploadValidator : AbstractValidator<DescribeUpload>
{
    public DescribeUploadValidator() => RuleFor(c => c.UploadId).IsFreeText();
}
