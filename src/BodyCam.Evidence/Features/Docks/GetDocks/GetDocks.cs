using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Docks;

/// <summary>The registered docks, newest first. Never a key: the server keeps only its hash.</summary>
[RequiresRole(Roles.Admin)]
public sealed record GetDocks : IQuery<IReadOnlyList<DockView>>;

public sealed record DockView(Guid DockId, string Name, string? Site, DateTimeOffset RegisteredAt, string RegisteredBy, bool Active);

internal sealed class GetDocksHandler(EvidenceDb db) : IQueryHandler<GetDocks, IReadOnlyList<DockView>>
{
    public async ValueTask<IReadOnlyList<DockView>> Handle(GetDocks query, CancellationToken cancellationToken) =>
        (await db.Docks.AsNoTracking()
            .Select(d => new DockView(d.Id, d.Name, d.Site, d.RegisteredAt, d.RegisteredBy, d.Active))
            .ToListAsync(cancellationToken))
        .OrderByDescending(d => d.RegisteredAt).ThenByDescending(d => d.DockId)
        .ToList();
}
