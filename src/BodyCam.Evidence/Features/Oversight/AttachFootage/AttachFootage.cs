using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Oversight;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>
/// A supervisor or custodian attaches the evidence items that match a footage request, with a note on why; the request
/// is then ItemsFound. Each item must exist, be in the caller's scope and not be attached already; each attached item
/// has a custody event of its own.
/// </summary>
[RequiresRole(Roles.Supervisor, Roles.Custodian)]
public sealed record AttachFootage(Guid RequestId, IReadOnlyList<Guid> EvidenceIds, string Note) : ICommand<FootageRequestView>;

internal sealed class AttachFootageHandler(EvidenceDb db, ICurrentActor caller, EvidenceSettings settings, TimeProvider clock)
    : ICommandHandler<AttachFootage, FootageRequestView>
{
    public async ValueTask<FootageRequestView> Handle(AttachFootage command, CancellationToken cancellationToken)
    {
        var request = await db.FindForStepAsync(caller, command.RequestId, FootageRequestStatus.ItemsFound, CustodyAction.FootageAttached, cancellationToken);
        var ids = command.EvidenceIds.Distinct().ToList();
        var items = await db.EvidenceItems.AsNoTracking()
            .Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Recording.OfficerId, e.OfficerUnit, e.StreamSha256 })
            .ToListAsync(cancellationToken);
        if (ids.Except(items.Select(i => i.Id)).ToList() is { Count: > 0 } unknown)
        {
            throw RequestValidationException.For("evidenceIds", $"There is no evidence item {string.Join(", ", unknown)}.");
        }
        if (items.FirstOrDefault(i => !caller.Sees(i.OfficerId, i.OfficerUnit)) is { } hidden)
        {
            throw await db.RefuseAsync(
                caller.Actor, $"attaching evidence {hidden.Id}, outside the caller's scope, to footage request {request.Id}",
                "This evidence item belongs to another officer or unit.", hidden.Id, cancellationToken);
        }
        var attached = await db.FootageRequestItems.Where(i => i.FootageRequestId == request.Id && ids.Contains(i.EvidenceId)).Select(i => i.EvidenceId)
            .ToListAsync(cancellationToken);
        if (attached.Count > 0)
        {
            throw RequestValidationException.For("evidenceIds", $"Evidence {string.Join(", ", attached)} is attached to this request already.");
        }

        var now = clock.GetUtcNow();
        var note = command.Note.Trim();
        db.FootageRequestItems.AddRange(ids.Select(id => FootageRequestItem.Attach(request.Id, id, caller.Actor.Id, now)));
        db.Step(request, FootageRequestStatus.ItemsFound, caller, now, $"{FootageRequestAccess.Items(ids.Count)} attached: {note}");
        foreach (var item in items)
        {
            db.CustodyEvents.Record(
                CustodyAction.FootageAttached, caller.Actor, item.Id, item.StreamSha256,
                reason: $"footage request {request.Id} by {request.RequestedBy}: attached as matching: {note}");
        }
        await db.SaveChangesAsync(cancellationToken);
        return await db.ViewAsync(request, reviewer: true, settings.Oversight.Deadlines, now, cancellationToken);
    }
}
