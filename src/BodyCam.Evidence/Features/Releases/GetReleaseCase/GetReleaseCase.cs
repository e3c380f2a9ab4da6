using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;

namespace BodyCam.Evidence.Features.Releases;

[RequiresRole(Roles.Custodian, Roles.Supervisor, Roles.Auditor, Roles.Admin)]
public sealed record GetReleaseCase(Guid CaseId) : IQuery<ReleaseCaseView>;

internal sealed class GetReleaseCaseHandler(EvidenceDb db, EvidenceSettings settings, TimeProvider clock) : IQueryHandler<GetReleaseCase, ReleaseCaseView>
{
    public async ValueTask<ReleaseCaseView> Handle(GetReleaseCase query, CancellationToken cancellationToken) =>
        await db.LoadAsync(await db.FindReleaseCaseAsync(query.CaseId, cancellationToken), settings.Releases, clock.GetUtcNow(), cancellationToken);
}
