using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.LegalHolds;

public sealed class PlaceLegalHoldValidator : AbstractValidator<PlaceLegalHold>
{
    public PlaceLegalHoldValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(CustodyEvent.MaxReasonTextLength).IsFreeText();
        RuleFor(c => c.Matter).NotEmpty().MaximumLength(200).IsFreeText();
        RuleFor(c => c.EvidenceIds)
            .Must((command, ids) => ids is { Count: > 0 } || command.CaseNumber is not null || command.OfficerId is not null)
            .WithMessage("A hold names what it keeps: evidenceIds, a caseNumber, or an officerId (with from/to).");
        RuleFor(c => c.EvidenceIds).Must(ids => ids is null || ids.Count <= 10_000).WithMessage("At most 10,000 items per hold; hold a case instead.");
        RuleFor(c => c.CaseNumber).MaximumLength(64).IsFreeText();
        RuleFor(c => c.OfficerId).MaximumLength(64).IsFreeText();
        RuleFor(c => c.From).Null().When(c => c.OfficerId is null).WithMessage("from and to bound an officer's recordings; give officerId.");
        RuleFor(c => c.To).Null().When(c => c.OfficerId is null).WithMessage("from and to bound an officer's recordings; give officerId.");
        RuleFor(c => c.To).GreaterThanOrEqualTo(c => c.From).When(c => c.From is not null && c.To is not null);
    }
}
