using BodyCam.Evidence.Domain.Categories;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Categories;

/// <summary>Creates or changes a category of the agency's list; cameras are offered the active ones.</summary>
[RequiresRole(Roles.Admin)]
public sealed record PutCategory(string CategoryId, string Name, int? RetentionDays, bool Active = true) : ICommand<CategoryView>;

public sealed record CategoryView(string Id, string Name, int? RetentionDays, bool Active);

internal sealed class PutCategoryHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock, PostCommitWork postCommit, IBackgroundJobClient jobs)
    : ICommandHandler<PutCategory, CategoryView>
{
    public async ValueTask<CategoryView> Handle(PutCategory command, CancellationToken cancellationToken)
    {
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == command.CategoryId, cancellationToken);
        var retentionBefore = category?.RetentionDays;
        var isNew = category is null;
        if (category is null)
        {
            category = Category.Create(command.CategoryId);
            db.Categories.Add(category);
        }
        category.Describe(command.Name.Trim(), command.RetentionDays, command.Active, clock.GetUtcNow());
        db.CustodyEvents.Record(
            CustodyAction.CategoryRecorded, caller.Actor,
            reason: $"category {category.Id} '{category.Name}', retention {category.RetentionDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unset"} days, {(category.Active ? "active" : "inactive")}");
        if (isNew || retentionBefore != category.RetentionDays)
        {
            var categoryId = category.Id;
            postCommit.Add(() => jobs.Enqueue<RecomputeCategoryRetentionJob>(job => job.RunAsync(categoryId, CancellationToken.None)));
        }
        return new CategoryView(category.Id, category.Name, category.RetentionDays, category.Active);
    }
}
