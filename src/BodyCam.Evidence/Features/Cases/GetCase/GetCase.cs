using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Cases;

/// <summary>A case with the linked items the caller may see, in recorded order; items outside the caller's scope are left out, not counted.</summary>
[RequiresRole(Roles.Officer, Roles.Supervisor, Roles.Custodian, Roles.Auditor)]
public sealed record GetCase(string CaseNumber) : IQuery<CaseDetails>;

public sealed record CaseDetails(
    string CaseNumber, string Title, string Status, DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? ClosedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<LinkedItem> Items);

public sealed record LinkedItem(
    Guid EvidenceId, string FileName, string Status, string? OfficerId, string? OfficerUnit, DateTimeOffset? RecordedStart, DateTimeOffset LinkedAt, string LinkedBy);

internal sealed class GetCaseHandler(EvidenceDb db, ICurrentActor caller) : IQueryHandler<GetCase, CaseDetails>
{
    public async ValueTask<CaseDetails> Handle(GetCase query, CancellationToken cancellationToken)
    {
        var @case = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.CaseNumber == query.CaseNumber, cancellationToken)
            ?? throw new NotFoundException($"There is no case {query.CaseNumber}.");
        var items = await db.EvidenceItems.AsNoTracking().VisibleTo(caller)
            .Join(db.CaseLinks.Where(l => l.CaseNumber == @case.CaseNumber), e => e.Id, l => l.EvidenceId, (e, l) => new { Item = e, Link = l })
            .OrderBy(x => x.Item.Recording.RecordedStart).ThenBy(x => x.Item.Id)
            .Select(x => new LinkedItem(
                x.Item.Id, x.Item.Recording.FileName, x.Item.Status.ToString(), x.Item.Recording.OfficerId, x.Item.OfficerUnit,
                x.Item.Recording.RecordedStart, x.Link.LinkedAt, x.Link.LinkedBy))
            .ToListAsync(cancellationToken);
        return new CaseDetails(@case.CaseNumber, @case.Title, @case.Status.ToString(), @case.OpenedAt, @case.OpenedBy, @case.ClosedAt, @case.UpdatedAt, items);
    }
}
