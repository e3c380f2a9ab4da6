using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Docks;

/// <summary>A body worn system's id read back by the dock that stored it (Axis StoreReadSystemID); another dock's is not found.</summary>
[RequiresRole(Roles.Dock)]
public sealed record GetBodyWornSystem(Guid SystemId) : IQuery<BodyWornSystemView>;

public sealed record BodyWornSystemView(Guid SystemId, string? ConnectionId, string? Name);

internal sealed class GetBodyWornSystemHandler(EvidenceDb db, ICurrentActor caller) : IQueryHandler<GetBodyWornSystem, BodyWornSystemView>
{
    public async ValueTask<BodyWornSystemView> Handle(GetBodyWornSystem query, CancellationToken cancellationToken)
    {
        var dockId = Guid.Parse(caller.Actor.Id);
        return await db.BodyWornSystems.AsNoTracking()
                .Where(s => s.SystemId == query.SystemId && s.DockId == dockId)
                .Select(s => new BodyWornSystemView(s.SystemId, s.ConnectionId, s.Name))
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no body worn system {query.SystemId} for this dock.");
    }
}
