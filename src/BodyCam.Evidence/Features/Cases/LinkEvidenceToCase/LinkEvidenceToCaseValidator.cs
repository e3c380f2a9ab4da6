using FluentValidation;

namespace BodyCam.Evidence.Features.Cases;

public sealed class LinkEvidenceToCaseValidator : AbstractValidator<LinkEvidenceToCase>
{
    public LinkEvidenceToCaseValidator() => RuleFor(c => c.CaseNumber).IsCaseNumber();
}
