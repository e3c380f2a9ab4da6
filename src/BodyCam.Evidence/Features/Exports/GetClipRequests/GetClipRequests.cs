using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>
/// The clip requests the caller may read, newest first, <paramref name="PageSize"/> to a page: the same ones
/// <see cref="ClipRequestAccess"/> lets them open one by one. A board its own; a supervisor those about items of
/// their unit; custodians and auditors all.
/// </summary>
/// <param name="Page">From 1.</param>
/// <param name="PageSize">Requests per page, 1 to <see cref="GetClipRequestsValidator.MaxPageSize"/>.</param>
[RequiresRole(Roles.OversightBoard, Roles.Supervisor, Roles.Custodian, Roles.Auditor)]
public sealed record GetClipRequests(int Page, int PageSize) : IQuery<ClipRequestsPage>;

/// <summary>
/// One page of <see cref="GetClipRequests"/>: newest request first, each as its board sees it, without the item's facts
/// (a reviewer opens one for them); <see cref="HasMore"/> when a next page holds more.
/// </summary>
public sealed record ClipRequestsPage(IReadOnlyList<ClipRequestView> Items, int Page, int PageSize, bool HasMore);

internal sealed class GetClipRequestsHandler(EvidenceDb db, ICurrentActor caller) : IQueryHandler<GetClipRequests, ClipRequestsPage>
{
    public async ValueTask<ClipRequestsPage> Handle(GetClipRequests query, CancellationToken cancellationToken)
    {
        var requests = await Readable(db.ClipRequests.AsNoTracking())
            .OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize + 1)
            .ToListAsync(cancellationToken);
        return new ClipRequestsPage(
            [.. requests.Take(query.PageSize).Select(r => ClipRequestView.Of(r))], query.Page, query.PageSize, requests.Count > query.PageSize);
    }

    private IQueryable<ClipRequest> Readable(IQueryable<ClipRequest> requests)
    {
        if (caller.IsInRole(Roles.OversightBoard))
        {
            var board = caller.Actor.Id;
            return requests.Where(r => r.RequestedBy == board);
        }
        if (caller.SeesEveryItem())
        {
            return requests;
        }
        var visible = db.EvidenceItems.VisibleTo(caller);
        return requests.Where(r => visible.Any(e => e.Id == r.EvidenceId));
    }
}
