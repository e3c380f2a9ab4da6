using FluentValidation;

namespace BodyCam.Evidence.Features.Cases;

public sealed class GetCaseValidator : AbstractValidator<GetCase>
{
    public GetCaseValidator() => RuleFor(c => c.CaseNumber).IsCaseNumber();
}
