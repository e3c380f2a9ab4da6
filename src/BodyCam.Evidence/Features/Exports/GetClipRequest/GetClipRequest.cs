using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;

namespace BodyCam.Evidence.Features.Exports;

[RequiresRole(Roles.OversightBoard, Roles.Supervisor, Roles.Custodian, Roles.Auditor)]
public sealed record GetClipRequest(Guid RequestId) : IQuery<ClipRequestView>;

internal sealed class GetClipRequestHandler(EvidenceDb db, ICurrentActor caller) : IQueryHandler<GetClipRequest, ClipRequestView>
{
    public async ValueTask<ClipRequestView> Handle(GetClipRequest query, CancellationToken cancellationToken)
    {
        var request = await db.FindClipRequestAsync(query.RequestId, cancellationToken);
        await db.EnsureMaySeeAsync(caller, request, "reading", cancellationToken);
        var reviews = caller.SeesEveryItem() || caller.IsInRole(Roles.Supervisor);
        return ClipRequestView.Of(request, reviews && request.Status == ClipRequestStatus.Requested ? await db.WeighAsync(request, cancellationToken) : null);
    }
}
