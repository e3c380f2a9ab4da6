using BodyCam.Evidence.Features.Categories;
using BodyCam.Evidence.Features.Recordings;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>
/// Replaces an item's categories. Officers may categorise their own recordings (as Axis and Evidence.com let them),
/// supervisors their unit's, custodians any. A category added must be an active one of the agency's list; one the
/// item already carries may be kept even if since retired or never known (a camera's category).
/// </summary>
[RequiresRole(Roles.Officer, Roles.Supervisor, Roles.Custodian)]
public sealed record AssignCategories(Guid EvidenceId, IReadOnlyList<string> Categories) : ICommand<ItemCategoriesView>, IEvidenceItemMessage
{
    public const int MaxCategories = 10;
}

public sealed record ItemCategoriesView(Guid EvidenceId, IReadOnlyList<CategoryTag> Categories);

internal sealed class AssignCategoriesHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock, ItemRetention retention) : ICommandHandler<AssignCategories, ItemCategoriesView>
{
    public async ValueTask<ItemCategoriesView> Handle(AssignCategories command, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.Where(e => e.Id == command.EvidenceId).Select(e => new { e.RecordingId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no evidence item {command.EvidenceId}.");
        await db.LockEvidenceItemsAsync([command.EvidenceId], cancellationToken);
        var wanted = command.Categories.ToHashSet(StringComparer.Ordinal);
        var carried = await db.EvidenceCategories.Where(c => c.EvidenceId == command.EvidenceId).Select(c => c.CategoryId).ToListAsync(cancellationToken);
        var added = wanted.Except(carried).ToList();
        var assignable = await db.Categories.Where(c => added.Contains(c.Id) && c.Active).Select(c => c.Id).ToListAsync(cancellationToken);
        if (added.Except(assignable).ToList() is [_, ..] unknown)
        {
            throw RequestValidationException.For(
                "categories", $"Not an active category of the agency's list: {string.Join(", ", unknown.Order(StringComparer.Ordinal))}.");
        }

        await db.ChangeAsync([command.EvidenceId], _ => wanted, caller.Actor, clock.GetUtcNow(), "assigned by hand", retention, cancellationToken);
        return new ItemCategoriesView(command.EvidenceId, await db.NameCategoriesAsync(wanted, item.RecordingId, cancellationToken));
    }
}
