using BodyCam.Evidence.Domain.Oversight;
using FluentValidation;

namespace BodyCam.Evidence.Features.Oversight;

public sealed class GetFootageRequestsValidator : AbstractValidator<GetFootageRequests>
{
    public const int MaxPageSize = 100;

    public GetFootageRequestsValidator()
    {
        RuleFor(q => q.Status)
            .Must(status => string.IsNullOrEmpty(status) || Enum.GetNames<FootageRequestStatus>().Contains(status, StringComparer.OrdinalIgnoreCase))
            .WithMessage($"status is one of {string.Join(", ", Enum.GetNames<FootageRequestStatus>())}.");
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize);
    }
}
