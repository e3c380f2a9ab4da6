using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>The published releases, newest first, for anyone when <c>Public:Enabled</c> is set; otherwise 404.</summary>
public sealed record GetPublishedReleases : IQuery<IReadOnlyList<PublishedRelease>>;

public sealed record PublishedRelease(Guid Id, string Title, DateTimeOffset IncidentAt, DateTimeOffset PublishedAt, string Path);

internal sealed class GetPublishedReleasesHandler(EvidenceDb db, EvidenceSettings settings) : IQueryHandler<GetPublishedReleases, IReadOnlyList<PublishedRelease>>
{
    public async ValueTask<IReadOnlyList<PublishedRelease>> Handle(GetPublishedReleases query, CancellationToken cancellationToken)
    {
        if (!settings.Public.Enabled)
        {
            throw new NotFoundException("There is no such page.");
        }
        var published = await db.ReleaseCases.AsNoTracking().Where(c => c.Status == ReleaseCaseStatus.Published)
            .Select(c => new { c.Id, c.Title, c.IncidentAt, c.PublishedAt })
            .ToListAsync(cancellationToken);
        return [.. published.OrderByDescending(c => c.PublishedAt)
            .Select(c => new PublishedRelease(c.Id, c.Title, c.IncidentAt, c.PublishedAt!.Value, $"{ReleaseCaseViews.PublicFolder}/{c.Id}/"))];
    }
}
