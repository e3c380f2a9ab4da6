using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>A release's files have plain names (<c>index.html</c>, <c>clip-1.mp4</c>): anything else is refused before it is looked up.</summary>
public sealed class GetPublishedReleaseFileValidator : AbstractValidator<GetPublishedReleaseFile>
{
    public GetPublishedReleaseFileValidator() =>
        RuleFor(q => q.Name).NotEmpty().MaximumLength(100).IsFreeText()
            .Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$").WithMessage("'name' is a release file's name: letters, digits, '.', '_' and '-'.");
}
