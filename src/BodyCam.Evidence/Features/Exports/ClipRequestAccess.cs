using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>
/// A board sees its own requests only; a supervisor those about items of their unit (not one naming no item: that is no
/// unit's); custodians and auditors all. Anything else is refused with a custody event on the source item.
/// </summary>
internal static class ClipRequestAccess
{
    public static async Task<ClipRequest> FindClipRequestAsync(this EvidenceDb db, Guid requestId, CancellationToken cancellationToken) =>
        await db.ClipRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken)
        ?? throw new NotFoundException($"There is no clip request {requestId}.");

    public static async Task EnsureMaySeeAsync(this EvidenceDb db, ICurrentActor caller, ClipRequest request, string attempt, CancellationToken cancellationToken)
    {
        if (caller.IsInRole(Roles.OversightBoard) && request.RequestedBy != caller.Actor.Id)
        {
            throw await db.RefuseAsync(
                caller.Actor, $"{attempt} of clip request {request.Id}, which another board made",
                "A board sees only its own clip requests.", request.EvidenceId, cancellationToken);
        }
        if (caller.IsInRole(Roles.Supervisor) && !caller.SeesEveryItem())
        {
            var owner = await db.EvidenceItems.AsNoTracking()
                .Where(e => e.Id == request.EvidenceId)
                .Select(e => new { e.Recording.OfficerId, e.OfficerUnit })
                .SingleOrDefaultAsync(cancellationToken);
            if (owner is null || !caller.Sees(owner.OfficerId, owner.OfficerUnit))
            {
                throw await db.RefuseAsync(
                    caller.Actor, $"{attempt} of clip request {request.Id} about an item the caller may not see",
                    "This clip request is not about an item you may see.", request.EvidenceId, cancellationToken);
            }
        }
    }
}
