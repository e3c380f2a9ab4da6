using BodyCam.Evidence.Features.Audit;
using FluentValidation;

namespace BodyCam.Evidence.Features.Compliance;

public sealed class GetUploadDelaysValidator : AbstractValidator<GetUploadDelays>
{
    public GetUploadDelaysValidator(TimeProvider clock)
    {
        this.ValidatePeriod(q => q.From, q => q.To);
        RuleFor(q => q.From)
            .Must((query, value) => !AuditTrailFilter.TryParseInstant(value, out var from) || !AuditTrailFilter.TryParseInstant(query.To, out var to)
                || from is null || (to ?? clock.GetUtcNow()) - from <= GetUploadDelays.MaxPeriod)
            .WithMessage($"A period of at most {GetUploadDelays.MaxPeriod.TotalDays} days.");
    }
}
