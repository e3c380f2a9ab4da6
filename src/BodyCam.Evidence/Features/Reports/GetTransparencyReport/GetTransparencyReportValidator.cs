using FluentValidation;

namespace BodyCam.Evidence.Features.Reports;

public sealed class GetTransparencyReportValidator : AbstractValidator<GetTransparencyReport>
{
    public GetTransparencyReportValidator() => this.ValidateReportPeriod(q => q.From, q => q.To);
}
