using FluentValidation;

namespace BodyCam.Evidence.Features.Cases;

public sealed class UnlinkEvidenceFromCaseValidator : AbstractValidator<UnlinkEvidenceFromCase>
{
    public UnlinkEvidenceFromCaseValidator() => RuleFor(c => c.CaseNumber).IsCaseNumber();
}
