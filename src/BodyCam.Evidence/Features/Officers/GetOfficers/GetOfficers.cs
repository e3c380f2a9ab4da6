using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Officers;

/// <summary>The officers the server knows, by id, each with their current unit.</summary>
[RequiresRole(Roles.Admin)]
public sealed record GetOfficers : IQuery<IReadOnlyList<OfficerListing>>;

public sealed record OfficerListing(string OfficerId, string Name, string? Unit, bool Active, DateTimeOffset UpdatedAt);

internal sealed class GetOfficersHandler(EvidenceDb db) : IQueryHandler<GetOfficers, IReadOnlyList<OfficerListing>>
{
    public async ValueTask<IReadOnlyList<OfficerListing>> Handle(GetOfficers query, CancellationToken cancellationToken) =>
        await db.Officers.AsNoTracking()
            .OrderBy(o => o.OfficerId)
            .Select(o => new OfficerListing(o.OfficerId, o.Name, o.Unit, o.Active, o.UpdatedAt))
            .ToListAsync(cancellationToken);
}
