using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>One footage request with its deadline, items and timeline: a board its own only (<see cref="FootageRequestAccess"/>).</summary>
[RequiresRole(Roles.OversightBoard, Roles.Supervisor, Roles.Custodian, Roles.Auditor)]
public sealed record GetFootageRequest(Guid RequestId) : IQuery<FootageRequestView>;

internal sealed class GetFootageRequestHandler(EvidenceDb db, ICurrentActor caller, EvidenceSettings settings, TimeProvider clock)
    : IQueryHandler<GetFootageRequest, FootageRequestView>
{
    public async ValueTask<FootageRequestView> Handle(GetFootageRequest query, CancellationToken cancellationToken)
    {
        var request = await db.FindFootageRequestAsync(caller, query.RequestId, "reading", cancellationToken);
        return await db.ViewAsync(
            request, reviewer: !caller.IsInRole(Roles.OversightBoard), settings.Oversight.Deadlines, clock.GetUtcNow(), cancellationToken);
    }
}
