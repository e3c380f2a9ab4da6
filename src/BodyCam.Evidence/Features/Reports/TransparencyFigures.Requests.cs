using BodyCam.Evidence.Features.Compliance;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Reports;

/// <summary>
/// Oversight boards' footage requests, from the requests as stored: each request's receipt, due date and first answer
/// (none found, released or refused) are kept on its row and never moved, and each is also a custody event
/// (FootageRequested, FootageNotFound, FootageReleased, FootageRequestRefused) an auditor can count in the ledger.
/// </summary>
internal static partial class TransparencyFigures
{
    private const string Requests = "requests";
    private const string Days = "days";

    private static readonly (string Id, string Label, double Below)[] AnswerBands =
    [
        ("under-1-week", "under 1 week", 7),
        ("1-to-2-weeks", "1 to 2 weeks", 14),
        ("2-to-4-weeks", "2 to 4 weeks", 28),
        ("4-weeks-or-more", "4 weeks or more", double.PositiveInfinity),
    ];

    private static async Task<ReportSection> FootageRequestsAsync(EvidenceDb db, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var requests = db.FootageRequests.AsNoTracking();
        var answered = await requests.Where(r => r.AnsweredAt >= from && r.AnsweredAt < to)
            .Select(r => new { r.ReceivedAt, AnsweredAt = r.AnsweredAt!.Value, r.DueAt })
            .ToListAsync(cancellationToken);
        List<double> days = [.. answered.Select(r => (r.AnsweredAt - r.ReceivedAt).TotalDays).Order()];
        return new ReportSection("footage-requests", "Oversight footage requests",
        [
            new("requests-received", "Footage requests received", await requests.CountAsync(r => r.ReceivedAt >= from && r.ReceivedAt < to, cancellationToken), Requests,
                "Requests by oversight boards for the footage of an incident received in the period."),
            new("requests-answered", "Footage requests answered", answered.Count, Requests,
                "Requests whose first answer (footage released, none found, or refused with a reason) was given in the period, whenever received."),
            new("requests-answered-late", "Footage requests answered after their deadline", answered.Count(r => r.AnsweredAt > r.DueAt), Requests,
                "Of the requests answered in the period, those answered after their response deadline (Oversight:ResponseDays business days)."),
            new("requests-overdue", "Footage requests overdue at the period's end",
                await requests.CountAsync(r => r.ReceivedAt < to && r.DueAt <= to && (r.AnsweredAt == null || r.AnsweredAt >= to), cancellationToken), Requests,
                "Requests received before the period's end, unanswered at its end and past their response deadline by then."),
            new("days-to-answer-median", "Median days to answer", days.Count == 0 ? null : Percentiles.Of(days, 0.5), Days,
                "The middle of the calendar days from receipt to first answer of the requests answered in the period (interpolated as the upload delays are)."),
        ],
        [
            new("days-to-answer-bands", "Days to answer", Requests,
                "The requests answered in the period by calendar days from receipt to first answer.",
                Banded(AnswerBands, days)),
        ]);
    }
}
