using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Admin;

public sealed class RunJobValidator : AbstractValidator<RunJob>
{
    public RunJobValidator() => RuleFor(c => c.Job).IsFreeText();
}
