using BodyCam.Evidence.Features.Categories.PutCategory;
using BodyCam.Evidence.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Categories.ListCategories;

/// <summary>The agency's categories, by id; anyone signed in may read the list, and docks offer the active ones to cameras.</summary>
public sealed record ListCategories(bool ActiveOnly) : IQuery<IReadOnlyList<CategoryView>>;

internal sealed class ListCategoriesHandler(EvidenceDb db) : IQueryHandler<ListCategories, IReadOnlyList<CategoryView>>
{
    public async ValueTask<IReadOnlyList<CategoryView>> Handle(ListCategories query, CancellationToken cancellationToken) =>
        await db.Categories.AsNoTracking()
            .Where(c => c.Active || !query.ActiveOnly)
            .OrderBy(c => c.Id)
            .Select(c => new CategoryView(c.Id, c.Name, c.RetentionDays, c.Active))
            .ToListAsync(cancellationToken);
}
