using BodyCam.Evidence.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Categories;

/// <summary>The agency's categories, by id; anyone signed in may read the list, and docks offer the active ones to cameras.</summary>
public sealed record GetCategories(bool ActiveOnly) : IQuery<IReadOnlyList<CategoryView>>;

internal sealed class GetCategoriesHandler(EvidenceDb db) : IQueryHandler<GetCategories, IReadOnlyList<CategoryView>>
{
    public async ValueTask<IReadOnlyList<CategoryView>> Handle(GetCategories query, CancellationToken cancellationToken) =>
        await db.Categories.AsNoTracking()
            .Where(c => c.Active || !query.ActiveOnly)
            .OrderBy(c => c.Id)
            .Select(c => new CategoryView(c.Id, c.Name, c.RetentionDays, c.Active))
            .ToListAsync(cancellationToken);
}
