using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Disposition;

[RequiresRole(Roles.Custodian, Roles.Auditor)]
public sealed record GetDispositionCertificates : IQuery<IReadOnlyList<CertificateSummary>>;

public sealed record CertificateSummary(Guid Id, DateTimeOffset IssuedAt, int Items);

internal sealed class GetDispositionCertificatesHandler(EvidenceDb db) : IQueryHandler<GetDispositionCertificates, IReadOnlyList<CertificateSummary>>
{
    public async ValueTask<IReadOnlyList<CertificateSummary>> Handle(GetDispositionCertificates query, CancellationToken cancellationToken) =>
        await db.DispositionCertificates.AsNoTracking()
            .OrderByDescending(c => c.IssuedAt)
            .Select(c => new CertificateSummary(c.Id, c.IssuedAt, c.Items))
            .ToListAsync(cancellationToken);
}
