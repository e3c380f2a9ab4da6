using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Ingestion.Axis;

public sealed class IssueConnectionFileValidator : AbstractValidator<IssueConnectionFile>
{
    /// <summary>The spec allows 512 characters per AuthenticationTokenURI, and "/auth/v1.0" is appended to the URL.</summary>
    private const int MaxUrlLength = 500;

    public IssueConnectionFileValidator()
    {
        RuleFor(file => file.SiteName).NotEmpty().MaximumLength(64).IsFreeText();
        RuleFor(file => file.Url).NotEmpty().MaximumLength(MaxUrlLength).IsFreeText()
            .Must(url => url is null || IsServerUrl(url.Trim()))
            .WithMessage("Use the absolute http or https URL the Axis system controller reaches this server at, without query or fragment.");
        RuleFor(file => file.ContainerType)
            .Must(type => type is null || AxisSettings.ContainerTypes.Contains(type))
            .WithMessage($"Use one of: {string.Join(", ", AxisSettings.ContainerTypes)}.");
    }

    private static bool IsServerUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Query.Length == 0
        && uri.Fragment.Length == 0
        && uri.UserInfo.Length == 0;
}
