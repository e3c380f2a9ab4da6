using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Releases;

public sealed class OpenReleaseCaseValidator : AbstractValidator<OpenReleaseCase>
{
    public const int MaxItems = 20;

    public OpenReleaseCaseValidator(TimeProvider clock)
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200).IsFreeText();
        RuleFor(c => c.Description).NotEmpty().MaximumLength(4000).IsFreeText(allowLineBreaks: true);
        RuleFor(c => c.Rule).NotEmpty().MaximumLength(64);
        RuleFor(c => c.IncidentAt).NotNull()
            .LessThanOrEqualTo(_ => clock.GetUtcNow()).WithMessage("'incidentAt' cannot be in the future.");
        RuleFor(c => c.ComplaintAt)
            .LessThanOrEqualTo(_ => clock.GetUtcNow()).WithMessage("'complaintAt' cannot be in the future.")
            .GreaterThanOrEqualTo(c => c.IncidentAt).WithMessage("'complaintAt' cannot be before the incident.")
            .When(c => c.ComplaintAt is not null);
        RuleFor(c => c.EvidenceIds).NotEmpty().WithMessage("Name the evidence items whose footage is released.")
            .Must(ids => ids.Count <= MaxItems).WithMessage($"At most {MaxItems} items per release case.");
        RuleForEach(c => c.EvidenceIds).NotEmpty();
    }
}
