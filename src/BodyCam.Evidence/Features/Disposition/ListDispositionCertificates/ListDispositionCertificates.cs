using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Disposition.ListDispositionCertificates;

[RequiresRole(Roles.Custodian, Roles.Auditor)]
public sealed record ListDispositionCertificates : IQuery<IReadOnlyList<CertificateSummary>>;

public sealed record CertificateSummary(Guid Id, DateTimeOffset IssuedAt, int Items);

internal sealed class ListDispositionCertificatesHandler(EvidenceDb db) : IQueryHandler<ListDispositionCertificates, IReadOnlyList<CertificateSummary>>
{
    public async ValueTask<IReadOnlyList<CertificateSummary>> Handle(ListDispositionCertificates query, CancellationToken cancellationToken) =>
        await db.DispositionCertificates.AsNoTracking()
            .OrderByDescending(c => c.IssuedAt)
            .Select(c => new CertificateSummary(c.Id, c.IssuedAt, c.Items))
            .ToListAsync(cancellationToken);
}
