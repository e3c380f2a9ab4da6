using BodyCam.Evidence.Domain.Cases;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Cases;

/// <summary>Removes an item from a case. A closed case keeps its evidence as it was when closed (409).</summary>
[RequiresRole(Roles.Custodian, Roles.Supervisor)]
public sealed record UnlinkEvidenceFromCase(Guid EvidenceId, string CaseNumber) : ICommand<Unit>, IEvidenceItemMessage;

internal sealed class UnlinkEvidenceFromCaseHandler(EvidenceDb db, ICurrentActor caller) : ICommandHandler<UnlinkEvidenceFromCase, Unit>
{
    public async ValueTask<Unit> Handle(UnlinkEvidenceFromCase command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.Where(e => e.Id == command.EvidenceId).Select(e => new { e.StreamSha256 }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no evidence item {command.EvidenceId}.");
        var link = await db.CaseLinks.SingleOrDefaultAsync(l => l.EvidenceId == command.EvidenceId && l.CaseNumber == command.CaseNumber, cancellationToken)
            ?? throw new NotFoundException($"Evidence item {command.EvidenceId} is not linked to case {command.CaseNumber}.");
        var @case = await db.Cases.AsNoTracking().SingleAsync(c => c.CaseNumber == link.CaseNumber, cancellationToken);
        if (@case.Status == CaseStatus.Closed)
        {
            throw new ConflictException($"Case {@case.CaseNumber} is closed; open it again before removing evidence from it.");
        }
        db.CaseLinks.Remove(link);
        db.CustodyEvents.Record(
            CustodyAction.CaseUnlinked, caller.Actor, command.EvidenceId, item.StreamSha256,
            reason: $"removed from case {@case.CaseNumber} '{@case.Title}' (linked {link.LinkedAt:O} by {link.LinkedBy})");
        return Unit.Value;
    }
}
