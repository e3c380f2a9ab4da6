using BodyCam.Evidence.Infrastructure.Text;
using FluentValidation;

namespace BodyCam.Evidence.Features.Recordings;

public sealed class GetRecordingsValidator : AbstractValidator<GetRecordings>
{
    public GetRecordingsValidator()
    {
        RuleFor(q => q.OfficerId).IsFreeText();
        RuleFor(q => q.DeviceSerial).IsFreeText();
        RuleFor(q => q.Limit).InclusiveBetween(1, 500);
        RuleFor(q => q.To).GreaterThan(q => q.From).When(q => q.From is not null && q.To is not null);
    }
}
