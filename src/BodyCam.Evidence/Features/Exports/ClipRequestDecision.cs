using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;

namespace BodyCam.Evidence.Features.Exports;

public sealed record DecisionBody(string Reason);

internal static class ClipRequestDecision
{
    /// <summary>
    /// The request a caller may decide: the requester never decides their own request, whatever roles they hold; the
    /// caller must see it (<see cref="ClipRequestAccess"/>); and it is still Requested.
    /// </summary>
    public static async Task<ClipRequest> FindUndecidedClipRequestAsync(
        this EvidenceDb db, Guid requestId, ICurrentActor caller, string verb, CancellationToken cancellationToken)
    {
        var request = await db.FindClipRequestAsync(requestId, cancellationToken);
        if (request.RequestedBy == caller.Actor.Id)
        {
            throw await db.RefuseAsync(
                caller.Actor, $"{verb} of own clip request {request.Id}",
                "The requester of a clip cannot decide on it.", request.EvidenceId, cancellationToken);
        }
        await db.EnsureMaySeeAsync(caller, request, verb, cancellationToken);
        if (request.Status != ClipRequestStatus.Requested)
        {
            throw new ConflictException($"Clip request {request.Id} is already {request.Status}.");
        }
        return request;
    }
}
