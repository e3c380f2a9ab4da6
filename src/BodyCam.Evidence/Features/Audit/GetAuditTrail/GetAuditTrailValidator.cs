using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Audit;

public sealed class GetAuditTrailValidator : AbstractValidator<GetAuditTrail>
{
    private const string InstantMessage = "Give an ISO 8601 instant with Z or an offset, such as 2026-11-26T12:30:00Z.";

    public GetAuditTrailValidator()
    {
        RuleFor(search => search.Actor).MaximumLength(200).IsFreeText();
        RuleFor(search => search.Action).Must(AuditTrailFilter.IsAction)
            .WithMessage($"Use one of: {AuditTrailFilter.ActionNames}.");
        RuleFor(search => search.Outcome).Must(AuditTrailFilter.IsOutcome)
            .WithMessage($"Use one of: {AuditTrailFilter.OutcomeNames}.");
        RuleFor(search => search.EvidenceId).Must(id => AuditTrailFilter.TryParseGuid(id, out _))
            .WithMessage("Give an evidence item's id, a GUID.");
        RuleFor(search => search.From).Must(from => AuditTrailFilter.TryParseInstant(from, out _)).WithMessage(InstantMessage);
        RuleFor(search => search.To).Must(to => AuditTrailFilter.TryParseInstant(to, out _)).WithMessage(InstantMessage);
        RuleFor(search => search.To).Must(IsAfterFrom).WithMessage("to must be later than from.");
        RuleFor(search => search.Limit).Must(limit => AuditTrailFilter.TryParseLimit(limit, out _))
            .WithMessage($"Give a whole number from 1 to {AuditTrailFilter.MaxLimit}.");
        RuleFor(search => search.Cursor).Must(BelongToTheSearch)
            .When(search => !string.IsNullOrEmpty(search.Cursor) && AuditTrailFilter.TryParse(search) is not null)
            .WithMessage("Not a cursor of this search: pass nextCursor from the previous page unchanged, with the same filters.");
    }

    private static bool IsAfterFrom(GetAuditTrail search, string? to) =>
        !AuditTrailFilter.TryParseInstant(search.From, out var start) || !AuditTrailFilter.TryParseInstant(to, out var end)
        || start is null || end is null || end > start;

    private static bool BelongToTheSearch(GetAuditTrail search, string? cursor) =>
        AuditTrailCursor.TryRead(cursor!, AuditTrailFilter.Parse(search), out _);
}
