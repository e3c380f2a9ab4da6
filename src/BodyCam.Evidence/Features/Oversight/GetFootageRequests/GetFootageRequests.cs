using BodyCam.Evidence.Domain.Oversight;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>
/// The footage requests the caller may read, newest first: a board its own, supervisors, custodians and auditors all;
/// only those of <paramref name="Status"/> when given, only the overdue ones when <paramref name="Overdue"/>.
/// </summary>
/// <param name="Status">Received, ItemsFound, NoneFound, Released or Refused, in any case.</param>
/// <param name="Overdue">Only open requests past their deadline.</param>
/// <param name="Page">From 1.</param>
/// <param name="PageSize">Requests per page, 1 to <see cref="GetFootageRequestsValidator.MaxPageSize"/>.</param>
[RequiresRole(Roles.OversightBoard, Roles.Supervisor, Roles.Custodian, Roles.Auditor)]
public sealed record GetFootageRequests(string? Status, bool Overdue, int Page, int PageSize) : IQuery<FootageRequestsPage>;

/// <summary>One request as a list shows it; <see cref="Overdue"/> when it is open past <see cref="DueAt"/>.</summary>
public sealed record FootageRequestSummary(
    Guid Id,
    string RequestedBy,
    DateTimeOffset ReceivedAt,
    string? CaseNumber,
    string? ComplaintReference,
    string? OfficerId,
    string Description,
    string Status,
    DateTimeOffset DueAt,
    bool Overdue,
    DateTimeOffset? AnsweredAt);

/// <summary>
/// One page of <see cref="GetFootageRequests"/>; <see cref="OverdueCount"/> counts every open request past its deadline
/// that the caller may read, whatever the filters.
/// </summary>
public sealed record FootageRequestsPage(IReadOnlyList<FootageRequestSummary> Items, int Page, int PageSize, bool HasMore, int OverdueCount);

internal sealed class GetFootageRequestsHandler(EvidenceDb db, ICurrentActor caller, TimeProvider clock) : IQueryHandler<GetFootageRequests, FootageRequestsPage>
{
    public async ValueTask<FootageRequestsPage> Handle(GetFootageRequests query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var readable = Readable(db.FootageRequests.AsNoTracking());
        var overdue = readable.Where(r => (r.Status == FootageRequestStatus.Received || r.Status == FootageRequestStatus.ItemsFound) && r.DueAt <= now);
        var listed = query.Overdue ? overdue : readable;
        if (query.Status is { Length: > 0 } given)
        {
            var status = Enum.Parse<FootageRequestStatus>(given, ignoreCase: true);
            listed = listed.Where(r => r.Status == status);
        }
        var requests = await listed
            .OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize + 1)
            .ToListAsync(cancellationToken);
        return new FootageRequestsPage(
            [.. requests.Take(query.PageSize).Select(r => new FootageRequestSummary(
                r.Id, r.RequestedBy, r.ReceivedAt, r.CaseNumber, r.ComplaintReference, r.OfficerId, r.Description, r.Status.ToString(), r.DueAt,
                r.IsOverdue(now), r.AnsweredAt))],
            query.Page, query.PageSize, requests.Count > query.PageSize, await overdue.CountAsync(cancellationToken));
    }

    private IQueryable<FootageRequest> Readable(IQueryable<FootageRequest> requests)
    {
        if (caller.IsInRole(Roles.OversightBoard))
        {
            var board = caller.Actor.Id;
            return requests.Where(r => r.RequestedBy == board);
        }
        return requests;
    }
}
