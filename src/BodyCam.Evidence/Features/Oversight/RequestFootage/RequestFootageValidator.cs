using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Oversight;

public sealed class RequestFootageValidator : AbstractValidator<RequestFootage>
{
    /// <summary>A radius wider than a city asks for everything; a board names the incident's place more closely.</summary>
    public const double MaxRadiusMetres = 50_000;

    public const int MaxDescriptionLength = 4000;

    public RequestFootageValidator()
    {
        RuleFor(c => c.Description).NotEmpty().MaximumLength(MaxDescriptionLength).IsFreeText(allowLineBreaks: true);
        RuleFor(c => c.Purpose).NotEmpty().MaximumLength(CustodyEvent.MaxReasonTextLength / 2).IsFreeText();
        RuleFor(c => c.CaseNumber).MaximumLength(64).IsFreeText();
        RuleFor(c => c.ComplaintReference).MaximumLength(100).IsFreeText();
        RuleFor(c => c.OfficerId).MaximumLength(64).IsFreeText();
        // Reported under the first criterion, as a refusal names a field of the body.
        RuleFor(c => c.CaseNumber)
            .Must((c, _) => HasText(c.CaseNumber) || HasText(c.ComplaintReference) || HasText(c.OfficerId) || c.From is not null || c.Latitude is not null)
            .WithMessage("Name the incident by at least one of caseNumber, complaintReference, officerId, a time window (from, to) or a place (latitude, longitude, radiusMetres).");
        RuleFor(c => c.From).NotNull().When(c => c.To is not null).WithMessage("A time window has both from and to.");
        RuleFor(c => c.To).NotNull().When(c => c.From is not null).WithMessage("A time window has both from and to.");
        RuleFor(c => c.To).GreaterThan(c => c.From).When(c => c.From is not null && c.To is not null).WithMessage("to must be after from.");
        RuleFor(c => c.Latitude).NotNull().When(c => c.Longitude is not null || c.RadiusMetres is not null).WithMessage("A place has latitude, longitude and radiusMetres.");
        RuleFor(c => c.Longitude).NotNull().When(c => c.Latitude is not null || c.RadiusMetres is not null).WithMessage("A place has latitude, longitude and radiusMetres.");
        RuleFor(c => c.RadiusMetres).NotNull().When(c => c.Latitude is not null || c.Longitude is not null).WithMessage("A place has latitude, longitude and radiusMetres.");
        RuleFor(c => c.Latitude).InclusiveBetween(-90, 90).When(c => c.Latitude is not null).WithMessage("latitude is in degrees, from -90 to 90.");
        RuleFor(c => c.Longitude).InclusiveBetween(-180, 180).When(c => c.Longitude is not null).WithMessage("longitude is in degrees, from -180 to 180.");
        RuleFor(c => c.RadiusMetres).GreaterThan(0).LessThanOrEqualTo(MaxRadiusMetres).When(c => c.RadiusMetres is not null)
            .WithMessage($"radiusMetres is more than 0 and at most {MaxRadiusMetres:0} metres.");
    }

    private static bool HasText(string? value) => !string.IsNullOrWhiteSpace(value);
}
