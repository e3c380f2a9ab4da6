using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>
/// Release cases, soonest due first. <see cref="Deadline"/> narrows the list: <c>due</c> (not yet published),
/// <c>due-soon</c> (due within <c>Releases:DueSoonDays</c>, not yet overdue), <c>overdue</c>; none lists every case.
/// </summary>
[RequiresRole(Roles.Custodian, Roles.Supervisor, Roles.Auditor, Roles.Admin)]
public sealed record GetReleaseCases(string? Deadline) : IQuery<IReadOnlyList<ReleaseCaseRow>>
{
    public static readonly IReadOnlyList<string> Filters = ["due", "due-soon", "overdue"];
}

public sealed record ReleaseCaseRow(
    Guid Id, string Title, string Rule, string Status, DateOnly OriginalDueOn, DateOnly DueOn, int Extensions, int DaysLeft, string Deadline,
    DateTimeOffset OpenedAt, DateTimeOffset? PublishedAt);

internal sealed class GetReleaseCasesHandler(EvidenceDb db, EvidenceSettings settings, TimeProvider clock)
    : IQueryHandler<GetReleaseCases, IReadOnlyList<ReleaseCaseRow>>
{
    public const int MaxRows = 500;

    public async ValueTask<IReadOnlyList<ReleaseCaseRow>> Handle(GetReleaseCases query, CancellationToken cancellationToken)
    {
        var today = ReleaseClock.DayOf(clock.GetUtcNow(), settings.Releases.TimeZone);
        var dueSoonBy = today.AddDays(settings.Releases.DueSoonDays);
        var cases = db.ReleaseCases.AsNoTracking();
        cases = query.Deadline switch
        {
            "due" => cases.Where(c => c.Status != ReleaseCaseStatus.Published),
            "due-soon" => cases.Where(c => c.Status != ReleaseCaseStatus.Published && c.DueOn >= today && c.DueOn <= dueSoonBy),
            "overdue" => cases.Where(c => c.Status != ReleaseCaseStatus.Published && c.DueOn < today),
            _ => cases,
        };
        var found = await cases.OrderBy(c => c.PublishedAt != null).ThenBy(c => c.DueOn).ThenBy(c => c.Id).Take(MaxRows).ToListAsync(cancellationToken);
        return [.. found.Select(c => new ReleaseCaseRow(
            c.Id, c.Title, c.RuleName, c.Status.ToString(), c.OriginalDueOn, c.DueOn, c.ExtensionCount, ReleaseClock.DaysLeft(c.DueOn, today),
            ReleaseCaseViews.DeadlineOf(c, today, settings.Releases.DueSoonDays).ToString(), c.OpenedAt, c.PublishedAt))];
    }
}
