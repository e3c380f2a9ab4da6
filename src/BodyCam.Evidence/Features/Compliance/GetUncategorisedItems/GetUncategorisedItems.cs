using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Compliance;

/// <summary>
/// Items that carry no category of the agency's list (so no retention rule applies to them), received in [from, to)
/// (default: ever): how many and what share, per unit and per officer, and the oldest <c>limit</c> of them to follow up.
/// A category only a camera knows does not count. Supervisors see their unit's items, custodians every item.
/// </summary>
[RequiresRole(Roles.Supervisor, Roles.Custodian)]
public sealed record GetUncategorisedItems(
    [FromQuery(Name = "from")] string? From, [FromQuery(Name = "to")] string? To, [FromQuery(Name = "limit")] string? Limit) : IQuery<UncategorisedReport>;

public sealed record UncategorisedReport(
    int Total, int Uncategorised, double Share, IReadOnlyList<UnitUncategorised> Units, IReadOnlyList<OfficerUncategorised> Officers,
    IReadOnlyList<ComplianceItem> Items);

public sealed record UnitUncategorised(string? Unit, int Total, int Uncategorised, double Share);

public sealed record OfficerUncategorised(string? OfficerId, string? Unit, int Total, int Uncategorised, double Share);

internal sealed class GetUncategorisedItemsHandler(EvidenceDb db, ICurrentActor caller) : IQueryHandler<GetUncategorisedItems, UncategorisedReport>
{
    public async ValueTask<UncategorisedReport> Handle(GetUncategorisedItems query, CancellationToken cancellationToken)
    {
        var items = db.EvidenceItems.AsNoTracking().VisibleTo(caller)
            .ReceivedWithin(ComplianceParameters.Instant(query.From), ComplianceParameters.Instant(query.To));
        var uncategorised = items.Where(e => !db.EvidenceCategories.Any(c => c.EvidenceId == e.Id && db.Categories.Any(k => k.Id == c.CategoryId)));

        var totals = await items
            .GroupBy(e => new { e.OfficerUnit, e.Recording.OfficerId })
            .Select(g => new { g.Key.OfficerUnit, g.Key.OfficerId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var missing = (await uncategorised
            .GroupBy(e => new { e.OfficerUnit, e.Recording.OfficerId })
            .Select(g => new { g.Key.OfficerUnit, g.Key.OfficerId, Count = g.Count() })
            .ToListAsync(cancellationToken))
            .ToDictionary(g => (g.OfficerUnit, g.OfficerId), g => g.Count);
        var officers = totals
            .Select(t => (t.OfficerId, Unit: t.OfficerUnit, Total: t.Count, Uncategorised: missing.GetValueOrDefault((t.OfficerUnit, t.OfficerId))))
            .Select(o => new OfficerUncategorised(o.OfficerId, o.Unit, o.Total, o.Uncategorised, Share(o.Uncategorised, o.Total)))
            .OrderByDescending(o => o.Share).ThenBy(o => o.Unit, StringComparer.Ordinal).ThenBy(o => o.OfficerId, StringComparer.Ordinal)
            .ToList();
        var units = officers
            .GroupBy(o => o.Unit)
            .Select(g => (Unit: g.Key, Total: g.Sum(o => o.Total), Uncategorised: g.Sum(o => o.Uncategorised)))
            .Select(u => new UnitUncategorised(u.Unit, u.Total, u.Uncategorised, Share(u.Uncategorised, u.Total)))
            .OrderByDescending(u => u.Share).ThenBy(u => u.Unit, StringComparer.Ordinal)
            .ToList();
        var oldest = await uncategorised
            .OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id)
            .Take(ComplianceParameters.Limit(query.Limit))
            .Select(e => new ComplianceItem(e.Id, e.Recording.FileName, e.Recording.OfficerId, e.OfficerUnit, e.Recording.RecordedStart, e.ReceivedAt))
            .ToListAsync(cancellationToken);
        var total = officers.Sum(o => o.Total);
        var uncategorisedCount = officers.Sum(o => o.Uncategorised);
        return new UncategorisedReport(total, uncategorisedCount, Share(uncategorisedCount, total), units, officers, oldest);
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
