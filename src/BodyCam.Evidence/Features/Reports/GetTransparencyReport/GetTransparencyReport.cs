using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Reports;

/// <summary>
/// The transparency report for [from, to) (default: the last complete half-year in UTC), computed at the served
/// checkpoint, for the agency's own auditors, custodians and administrators.
/// </summary>
[RequiresRole(Roles.Auditor, Roles.Custodian, Roles.Admin)]
public sealed record GetTransparencyReport([FromQuery(Name = "from")] string? From, [FromQuery(Name = "to")] string? To) : IQuery<TransparencyReport>;

internal sealed class GetTransparencyReportHandler(EvidenceDb db, EvidenceSettings settings, TimeProvider clock) : IQueryHandler<GetTransparencyReport, TransparencyReport>
{
    public async ValueTask<TransparencyReport> Handle(GetTransparencyReport query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (from, to) = ReportPeriod.Of(query.From, query.To, now);
        return await db.TransparencyReportAsync(settings.Ledger.Witnessing, from, to, now, cancellationToken);
    }
}
