using FluentValidation;

namespace BodyCam.Evidence.Features.Cases.UnlinkEvidenceFromCase;

public sealed class UnlinkEvidenceFromCaseValidator : AbstractValidator<UnlinkEvidenceFromCase>
{
    public UnlinkEvidenceFromCaseValidator() => RuleFor(c => c.CaseNumber).IsCaseNumber();
}
