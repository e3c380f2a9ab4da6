using BodyCam.Evidence.Domain.Cases;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Cases;

public sealed class PutCaseValidator : AbstractValidator<PutCase>
{
    public PutCaseValidator()
    {
        RuleFor(c => c.CaseNumber).IsCaseNumber();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200).Must(title => title.Trim().Length > 0)
            .WithMessage("1-200 characters, not only spaces.").IsFreeText();
        RuleFor(c => c.Status).Must(status => status is null || CaseNumbers.TryParseStatus(status, out _))
            .WithMessage($"Use one of: {string.Join(", ", Enum.GetNames<CaseStatus>())}.");
    }
}
