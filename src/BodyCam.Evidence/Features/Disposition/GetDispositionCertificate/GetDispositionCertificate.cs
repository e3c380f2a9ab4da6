using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Disposition;

/// <summary>A disposition certificate as signed: the note text, which <c>bodycam verify certificate</c> checks.</summary>
[RequiresRole(Roles.Custodian, Roles.Auditor)]
public sealed record GetDispositionCertificate(Guid CertificateId) : IQuery<string>;

internal sealed class GetDispositionCertificateHandler(EvidenceDb db) : IQueryHandler<GetDispositionCertificate, string>
{
    public async ValueTask<string> Handle(GetDispositionCertificate query, CancellationToken cancellationToken) =>
        await db.DispositionCertificates.AsNoTracking().Where(c => c.Id == query.CertificateId).Select(c => c.SignedNote).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no disposition certificate {query.CertificateId}.");
}
