using BodyCam.Evidence.Features.Audit;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Evidence;

public sealed class GetEvidenceItemsValidator : AbstractValidator<GetEvidenceItems>
{
    private const string InstantMessage = "Give an ISO 8601 instant with Z or an offset, such as 2026-11-26T12:30:00Z.";

    public GetEvidenceItemsValidator()
    {
        RuleFor(search => search.OfficerId).MaximumLength(64).IsFreeText();
        RuleFor(search => search.Unit).MaximumLength(100).IsFreeText();
        RuleFor(search => search.DeviceSerial).MaximumLength(64).IsFreeText();
        RuleFor(search => search.Category).MaximumLength(100).IsFreeText();
        RuleFor(search => search.CaseNumber).MaximumLength(64).IsFreeText();
        RuleFor(search => search.Status).Must(status => EvidenceSearchFilter.TryParseStatus(status, out _))
            .WithMessage($"Use one of: {EvidenceSearchFilter.StatusNames}.");
        RuleFor(search => search.From).Must(from => AuditTrailFilter.TryParseInstant(from, out _)).WithMessage(InstantMessage);
        RuleFor(search => search.To).Must(to => AuditTrailFilter.TryParseInstant(to, out _)).WithMessage(InstantMessage);
        RuleFor(search => search.To).Must(NotBeBeforeFrom).WithMessage("to must not be earlier than from.");
        RuleFor(search => search.Text).IsFreeText().Must(text => EvidenceSearchFilter.TryParseText(text, out _))
            .WithMessage($"Give 1 to {EvidenceSearchFilter.MaxWords} words of letters or digits, at most {EvidenceSearchFilter.MaxTextLength} characters in all.");
        RuleFor(search => search.Bbox).Must(bbox => EvidenceSearchFilter.TryParseBox(bbox, out _))
            .WithMessage("Give minLon,minLat,maxLon,maxLat in degrees: longitudes from -180 to 180, latitudes from -90 to 90, each minimum not above its maximum.");
        RuleFor(search => search.Limit).Must(limit => EvidenceSearchFilter.TryParseLimit(limit, out _))
            .WithMessage($"Give a whole number from 1 to {EvidenceSearchFilter.MaxLimit}.");
        RuleFor(search => search.Cursor).Must(BelongToTheSearch)
            .When(search => !string.IsNullOrEmpty(search.Cursor) && EvidenceSearchFilter.TryParse(search) is not null)
            .WithMessage("Not a cursor of this search: pass nextCursor from the previous page unchanged, with the same filters.");
    }

    private static bool NotBeBeforeFrom(GetEvidenceItems search, string? to) =>
        !AuditTrailFilter.TryParseInstant(search.From, out var start) || !AuditTrailFilter.TryParseInstant(to, out var end)
        || start is null || end is null || end >= start;

    private static bool BelongToTheSearch(GetEvidenceItems search, string? cursor) =>
        EvidenceSearchCursor.TryRead(cursor!, EvidenceSearchFilter.Parse(search), out _);
}
