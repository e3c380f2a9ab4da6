using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Oversight;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>
/// A board sees its own footage requests only: another board's is refused as a custody event, as a clip request is
/// (<c>ClipRequestAccess</c>). Supervisors, custodians and auditors see every one. A step the request's status does not
/// allow is refused as a custody event of that step with the outcome Denied, and a 409.
/// </summary>
internal static class FootageRequestAccess
{
    public static async Task<FootageRequest> FindFootageRequestAsync(
        this EvidenceDb db, ICurrentActor caller, Guid requestId, string attempt, CancellationToken cancellationToken)
    {
        var request = await db.FootageRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            ?? throw new NotFoundException($"There is no footage request {requestId}.");
        if (caller.IsInRole(Roles.OversightBoard) && request.RequestedBy != caller.Actor.Id)
        {
            throw await db.RefuseAsync(
                caller.Actor, $"{attempt} of footage request {request.Id}, which another board made", "A board sees only its own footage requests.", null, cancellationToken);
        }
        return request;
    }

    /// <summary>The request, when its status allows the step to <paramref name="next"/>, recorded as <paramref name="action"/>.</summary>
    public static async Task<FootageRequest> FindForStepAsync(
        this EvidenceDb db, ICurrentActor caller, Guid requestId, FootageRequestStatus next, CustodyAction action, CancellationToken cancellationToken)
    {
        var request = await db.FindFootageRequestAsync(caller, requestId, action.ToString(), cancellationToken);
        if (!request.Allows(next))
        {
            db.CustodyEvents.Record(
                action, caller.Actor,
                reason: $"footage request {request.Id} by {request.RequestedBy} is {request.Status}: it cannot become {next}", outcome: CustodyOutcome.Denied);
            await db.SaveChangesAsync(cancellationToken);
            throw new RefusedConflictException($"Footage request {request.Id} is {request.Status}; it cannot become {next}.");
        }
        return request;
    }

    /// <summary>Moves the request on and adds the step to its timeline.</summary>
    public static void Step(this EvidenceDb db, FootageRequest request, FootageRequestStatus next, ICurrentActor caller, DateTimeOffset now, string? note)
    {
        request.Move(next, caller.Actor.Id, now);
        db.FootageRequestSteps.Add(FootageRequestStep.Of(request, caller.Actor.Id, now, note));
    }

    /// <summary>A count of items as a step's note says it.</summary>
    public static string Items(int count) => count == 1 ? "1 item" : $"{count} items";
}
