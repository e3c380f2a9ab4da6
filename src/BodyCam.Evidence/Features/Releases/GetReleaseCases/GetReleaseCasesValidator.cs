using FluentValidation;

namespace BodyCam.Evidence.Features.Releases;

public sealed class GetReleaseCasesValidator : AbstractValidator<GetReleaseCases>
{
    public GetReleaseCasesValidator() =>
        RuleFor(q => q.Deadline).Must(d => d is null || GetReleaseCases.Filters.Contains(d))
            .WithMessage($"'deadline' is one of {string.Join(", ", GetReleaseCases.Filters)}, or absent for every case.");
}
