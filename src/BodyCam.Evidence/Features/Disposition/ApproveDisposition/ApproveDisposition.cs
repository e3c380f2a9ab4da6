using System.Globalization;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Retention;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Disposition;

/// <summary>
/// A second custodian approves a disposition request: the item is soft-deleted, restorable until the purge after
/// <c>Retention:SoftDeleteDays</c>. The requester cannot approve their own request, and the item's retention and
/// holds are checked again, since either may have changed since the request.
/// </summary>
[RequiresRole(Roles.Custodian)]
public sealed record ApproveDisposition(Guid RequestId) : ICommand<DispositionRequestView>;

internal sealed class ApproveDispositionHandler(EvidenceDb db, ICurrentActor caller, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<ApproveDisposition, DispositionRequestView>
{
    public async ValueTask<DispositionRequestView> Handle(ApproveDisposition command, CancellationToken cancellationToken)
    {
        var request = await db.DispositionRequests.SingleOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken)
            ?? throw new NotFoundException($"There is no disposition request {command.RequestId}.");
        if (request.Status != DispositionRequestStatus.Pending)
        {
            throw new ConflictException($"Disposition request {request.Id} is {request.Status}.");
        }
        if (request.RequestedBy == caller.Actor.Id)
        {
            throw await db.RefuseAsync(
                caller.Actor, $"approval of own disposition request {request.Id}",
                "A disposition needs two different custodians: the requester cannot approve it.", request.EvidenceId, cancellationToken);
        }
        var item = await db.EvidenceItems.SingleAsync(e => e.Id == request.EvidenceId, cancellationToken);
        var now = clock.GetUtcNow();
        await db.EnsureDisposableAsync(item, caller.Actor, $"approval of disposition request {request.Id}", now, cancellationToken);

        var purgeAfter = now.AddDays(settings.Retention.SoftDeleteDays);
        request.Approve(caller.Actor.Id, now);
        item.SoftDelete(now, purgeAfter);
        db.CustodyEvents.Record(
            CustodyAction.DispositionApproved, caller.Actor, item.Id, item.StreamSha256,
            reason: $"disposition request {request.Id} by {request.RequestedBy} ({request.Reason}) approved; soft-deleted, restorable until the purge after {purgeAfter.ToString("O", CultureInfo.InvariantCulture)}");
        return DispositionRequestView.Of(request, purgeAfter);
    }
}
