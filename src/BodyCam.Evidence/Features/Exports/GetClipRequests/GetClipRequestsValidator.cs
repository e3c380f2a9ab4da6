using FluentValidation;

namespace BodyCam.Evidence.Features.Exports;

public sealed class GetClipRequestsValidator : AbstractValidator<GetClipRequests>
{
    public const int MaxPageSize = 100;

    public GetClipRequestsValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize);
    }
}
