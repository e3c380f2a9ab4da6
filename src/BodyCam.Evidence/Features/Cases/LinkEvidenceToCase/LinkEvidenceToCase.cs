using BodyCam.Evidence.Domain.Cases;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Cases;

/// <summary>
/// Links an item to a case. The case must exist (else 400 naming <c>caseNumber</c>, as for any unknown reference in
/// a body) and be open (else 409). Linking again what is already linked changes nothing and records nothing.
/// </summary>
[RequiresRole(Roles.Custodian, Roles.Supervisor)]
public sealed record LinkEvidenceToCase(Guid EvidenceId, string CaseNumber) : ICommand<CaseLinkView>, IEvidenceItemMessage;

public sealed record CaseLinkView(Guid EvidenceId, string CaseNumber, string Title, string Status, DateTimeOffset LinkedAt, string LinkedBy, bool Created);

internal sealed class LinkEvidenceToCaseHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : ICommandHandler<LinkEvidenceToCase, CaseLinkView>
{
    public async ValueTask<CaseLinkView> Handle(LinkEvidenceToCase command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.Where(e => e.Id == command.EvidenceId).Select(e => new { e.StreamSha256 }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no evidence item {command.EvidenceId}.");
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.CaseNumber == command.CaseNumber, cancellationToken)
            ?? throw RequestValidationException.For("caseNumber", $"There is no case {command.CaseNumber}; open it first with PUT /api/cases/{command.CaseNumber}.");
        var existing = await db.CaseLinks.SingleOrDefaultAsync(l => l.EvidenceId == command.EvidenceId && l.CaseNumber == @case.CaseNumber, cancellationToken);
        if (existing is not null)
        {
            return View(existing, @case, created: false);
        }
        if (@case.Status == CaseStatus.Closed)
        {
            throw new ConflictException($"Case {@case.CaseNumber} is closed; open it again before linking evidence to it.");
        }
        var link = CaseLink.Link(command.EvidenceId, @case.CaseNumber, caller.Actor.Id, clock.GetUtcNow());
        db.CaseLinks.Add(link);
        db.CustodyEvents.Record(CustodyAction.CaseLinked, caller.Actor, command.EvidenceId, item.StreamSha256, reason: $"linked to case {@case.CaseNumber} '{@case.Title}'");
        return View(link, @case, created: true);
    }

    private static CaseLinkView View(CaseLink link, Case @case, bool created) =>
        new(link.EvidenceId, @case.CaseNumber, @case.Title, @case.Status.ToString(), link.LinkedAt, link.LinkedBy, created);
}
