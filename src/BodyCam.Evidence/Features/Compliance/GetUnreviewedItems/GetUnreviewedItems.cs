using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Compliance;

/// <summary>
/// Items in a category that requires a supervisor's review (by default <c>Review:UseOfForceCategories</c>; or the one
/// <c>category</c> asked for) that no supervisor has reviewed yet, received in [from, to) (default: ever): how many,
/// per unit, and the oldest <c>limit</c> of them. Supervisors see their unit's items, custodians every item.
/// </summary>
[RequiresRole(Roles.Supervisor, Roles.Custodian)]
public sealed record GetUnreviewedItems(
    [FromQuery(Name = "category")] string? Category,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "limit")] string? Limit) : IQuery<UnreviewedReport>;

public sealed record UnreviewedReport(IReadOnlyList<string> Categories, int Count, IReadOnlyList<UnitUnreviewed> Units, IReadOnlyList<ComplianceItem> Items);

public sealed record UnitUnreviewed(string? Unit, int Count);

internal sealed class GetUnreviewedItemsHandler(EvidenceDb db, ICurrentActor caller, EvidenceSettings settings) : IQueryHandler<GetUnreviewedItems, UnreviewedReport>
{
    public async ValueTask<UnreviewedReport> Handle(GetUnreviewedItems query, CancellationToken cancellationToken)
    {
        List<string> categories = string.IsNullOrEmpty(query.Category) ? [.. settings.Review.UseOfForceCategories] : [query.Category];
        if (!string.IsNullOrEmpty(query.Category) && !await db.Categories.AnyAsync(c => c.Id == query.Category, cancellationToken))
        {
            throw RequestValidationException.For("category", $"The agency has no category {query.Category}.");
        }
        var unreviewed = db.EvidenceItems.AsNoTracking().VisibleTo(caller)
            .ReceivedWithin(ComplianceParameters.Instant(query.From), ComplianceParameters.Instant(query.To))
            .Where(e => db.EvidenceCategories.Any(c => c.EvidenceId == e.Id && categories.Contains(c.CategoryId)))
            .Where(e => !db.EvidenceReviews.Any(r => r.EvidenceId == e.Id));

        var units = (await unreviewed
            .GroupBy(e => e.OfficerUnit)
            .Select(g => new { Unit = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken))
            .Select(u => new UnitUnreviewed(u.Unit, u.Count))
            .OrderByDescending(u => u.Count).ThenBy(u => u.Unit, StringComparer.Ordinal)
            .ToList();
        var oldest = await unreviewed
            .OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id)
            .Take(ComplianceParameters.Limit(query.Limit))
            .Select(e => new ComplianceItem(e.Id, e.Recording.FileName, e.Recording.OfficerId, e.OfficerUnit, e.Recording.RecordedStart, e.ReceivedAt))
            .ToListAsync(cancellationToken);
        return new UnreviewedReport(categories, units.Sum(u => u.Count), units, oldest);
    }
}
