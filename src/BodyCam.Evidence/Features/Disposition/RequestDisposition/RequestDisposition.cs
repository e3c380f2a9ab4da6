using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Retention;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Disposition;

/// <summary>The first of two custodians asks to destroy an item whose retention has ended and that nothing holds.</summary>
[RequiresRole(Roles.Custodian)]
public sealed record RequestDisposition(Guid EvidenceId, string Reason) : ICommand<DispositionRequestView>, IEvidenceItemMessage;

internal sealed class RequestDispositionHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<RequestDisposition, DispositionRequestView>
{
    public async ValueTask<DispositionRequestView> Handle(RequestDisposition command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.SingleAsync(e => e.Id == command.EvidenceId, cancellationToken);
        if (item.Disposition is not (DispositionState.Retained or DispositionState.EligibleForDisposition))
        {
            throw new ConflictException($"Evidence {item.Id} is {item.Disposition}; a disposition request is already under way or done.");
        }
        var now = clock.GetUtcNow();
        await db.EnsureDisposableAsync(item, caller.Actor, "disposition request", now, cancellationToken);
        var request = DispositionRequest.Ask(item.Id, command.Reason.Trim(), caller.Actor.Id, now);
        db.DispositionRequests.Add(request);
        item.AwaitDispositionApproval();
        db.CustodyEvents.Record(
            CustodyAction.DispositionRequested, caller.Actor, item.Id, item.StreamSha256,
            reason: $"disposition request {request.Id}: {request.Reason}; awaiting approval by another custodian");
        return DispositionRequestView.Of(request);
    }
}
