using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Disposition;

/// <summary>
/// A plain DELETE of evidence. Evidence is destroyed only through disposition (request, a second custodian's
/// approval, the restore window, the purge), so this is always refused, as a 409 and a custody event naming why
/// the item must be kept, or that disposition is the way.
/// </summary>
public sealed record DeleteEvidence(Guid EvidenceId) : ICommand, IEvidenceItemMessage;

internal sealed class DeleteEvidenceHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<DeleteEvidence>
{
    public async ValueTask<Unit> Handle(DeleteEvidence command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.SingleAsync(e => e.Id == command.EvidenceId, cancellationToken);
        await db.EnsureDisposableAsync(item, caller.Actor, "DELETE", clock.GetUtcNow(), cancellationToken);
        throw await db.RefuseDispositionAsync(
            item, caller.Actor, "DELETE", "evidence is destroyed only by disposition: POST /api/evidence/{id}/disposition-requests, then another custodian's approval", cancellationToken);
    }
}
