using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>
/// One file of a published release, for anyone, without sign-in, when <c>Public:Enabled</c> is set. An unpublished case,
/// a file it does not have, and everything while the public side is off get the same 404 as a case that does not exist.
/// </summary>
public sealed record GetPublishedReleaseFile(Guid CaseId, string Name) : IQuery<ReleaseFile>;

internal sealed class GetPublishedReleaseFileHandler(EvidenceDb db, EvidenceSettings settings) : IQueryHandler<GetPublishedReleaseFile, ReleaseFile>
{
    public async ValueTask<ReleaseFile> Handle(GetPublishedReleaseFile query, CancellationToken cancellationToken)
    {
        var published = settings.Public.Enabled && await db.ReleaseCases.AnyAsync(c => c.Id == query.CaseId && c.Status == ReleaseCaseStatus.Published, cancellationToken);
        var file = published
            ? await db.ReleaseFiles.AsNoTracking().SingleOrDefaultAsync(f => f.CaseId == query.CaseId && f.Name == query.Name, cancellationToken)
            : null;
        return file ?? throw new NotFoundException("There is no such published release file.");
    }
}
