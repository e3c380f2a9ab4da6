using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Domain.Oversight;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>A place asked for: a point in WGS 84 degrees and a radius around it in metres.</summary>
public sealed record FootagePlace(double Latitude, double Longitude, double RadiusMetres);

/// <summary>
/// An item attached to a footage request, and once released the clip request it was released as, with that request's
/// status and its package once Ready.
/// </summary>
public sealed record FootageItemView(Guid EvidenceId, string AttachedBy, DateTimeOffset AttachedAt, Guid? ClipRequestId, string? ClipStatus, Guid? ExportId);

/// <summary>One step of the request's timeline: the status it reached, who took it, when, and the note or reason given.</summary>
public sealed record FootageStepView(string Status, string By, DateTimeOffset At, string? Note);

/// <summary>
/// A footage request as its board or a reviewer sees it. <see cref="DueAt"/> is the instant it becomes overdue, the end
/// of <see cref="LastDay"/> in the agency's time zone; <see cref="BusinessDaysLeft"/> counts the business days after
/// today up to the last day while it is open and not overdue. A board sees the items only once released, as clip requests.
/// </summary>
public sealed record FootageRequestView(
    Guid Id,
    string RequestedBy,
    DateTimeOffset ReceivedAt,
    string? CaseNumber,
    string? ComplaintReference,
    string? OfficerId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    FootagePlace? Place,
    string Description,
    string Purpose,
    string Status,
    DateTimeOffset DueAt,
    DateOnly LastDay,
    int? BusinessDaysLeft,
    bool Overdue,
    string? AnsweredBy,
    DateTimeOffset? AnsweredAt,
    IReadOnlyList<FootageItemView> Items,
    IReadOnlyList<FootageStepView> Timeline);

internal static class FootageRequestViews
{
    /// <summary>The request as stored: a command saves its changes (in its transaction) before it reads its answer.</summary>
    public static async Task<FootageRequestView> ViewAsync(
        this EvidenceDb db, FootageRequest request, bool reviewer, BusinessDays deadlines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var items = await db.FootageRequestItems.AsNoTracking()
            .Where(i => i.FootageRequestId == request.Id)
            .OrderBy(i => i.AttachedAt).ThenBy(i => i.EvidenceId)
            .ToListAsync(cancellationToken);
        var clipIds = items.Select(i => i.ClipRequestId).OfType<Guid>().ToList();
        var clips = await db.ClipRequests.AsNoTracking()
            .Where(c => clipIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var steps = await db.FootageRequestSteps.AsNoTracking()
            .Where(s => s.FootageRequestId == request.Id)
            .OrderBy(s => s.At).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var lastDay = deadlines.LocalDate(request.DueAt.AddTicks(-1));
        var overdue = request.IsOverdue(now);
        return new FootageRequestView(
            request.Id, request.RequestedBy, request.ReceivedAt, request.CaseNumber, request.ComplaintReference, request.OfficerId, request.From, request.To,
            request.HasPlace ? new FootagePlace(request.Latitude!.Value, request.Longitude!.Value, request.RadiusMetres!.Value) : null,
            request.Description, request.Purpose, request.Status.ToString(), request.DueAt, lastDay,
            request.Open && !overdue ? deadlines.DaysLeft(now, lastDay) : null, overdue, request.AnsweredBy, request.AnsweredAt,
            [.. items.Where(i => reviewer || i.ClipRequestId is not null).Select(i => Item(i, i.ClipRequestId is { } id ? clips.GetValueOrDefault(id) : null))],
            [.. steps.Select(s => new FootageStepView(s.Status.ToString(), s.By, s.At, s.Note))]);
    }

    private static FootageItemView Item(FootageRequestItem item, ClipRequest? clip) =>
        new(item.EvidenceId, item.AttachedBy, item.AttachedAt, item.ClipRequestId, clip?.Status.ToString(), clip?.ExportId);
}
