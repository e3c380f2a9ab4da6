using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;

namespace BodyCam.Evidence.Features.Reports;

/// <summary>
/// The transparency report as anyone may read it, without signing in, while <c>Public:Enabled</c> is set: the same
/// aggregate figures as <see cref="GetTransparencyReport"/>, which name no officer and no item.
/// </summary>
public sealed record GetPublicTransparencyReport(string? From, string? To) : IQuery<TransparencyReport>;

internal sealed class GetPublicTransparencyReportHandler(EvidenceDb db, EvidenceSettings settings, TimeProvider clock)
    : IQueryHandler<GetPublicTransparencyReport, TransparencyReport>
{
    public async ValueTask<TransparencyReport> Handle(GetPublicTransparencyReport query, CancellationToken cancellationToken)
    {
        if (!settings.Public.Enabled)
        {
            throw new NotFoundException("This server does not publish its transparency report.");
        }
        var now = clock.GetUtcNow();
        var (from, to) = ReportPeriod.Of(query.From, query.To, now);
        return await db.TransparencyReportAsync(settings.Ledger.Witnessing, from, to, now, cancellationToken);
    }
}
