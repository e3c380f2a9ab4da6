using FluentValidation;

namespace BodyCam.Evidence.Features.Cases.GetCase;

public sealed class GetCaseValidator : AbstractValidator<GetCase>
{
    public GetCaseValidator() => RuleFor(c => c.CaseNumber).IsCaseNumber();
}
