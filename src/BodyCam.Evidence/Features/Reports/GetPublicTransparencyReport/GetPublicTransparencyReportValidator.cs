using FluentValidation;

namespace BodyCam.Evidence.Features.Reports;

public sealed class GetPublicTransparencyReportValidator : AbstractValidator<GetPublicTransparencyReport>
{
    public GetPublicTransparencyReportValidator() => this.ValidateReportPeriod(q => q.From, q => q.To);
}
