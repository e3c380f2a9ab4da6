using BodyCam.Evidence.Features.Compliance;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Reports;

/// <summary>
/// Public release cases, from the cases as stored: each keeps the day its legal clock started, its original and
/// current due dates, how often it was extended and when it was published, and each of those steps is also a custody
/// event an auditor can count in the ledger. Days are calendar days, as the release rules count them.
/// </summary>
internal static partial class TransparencyFigures
{
    private const string Cases = "cases";

    private static readonly (string Id, string Label, double Below)[] ReleaseBands =
    [
        ("under-14-days", "under 14 days", 14),
        ("14-to-45-days", "14 to 45 days", 45),
        ("45-to-90-days", "45 to 90 days", 90),
        ("90-days-or-more", "90 days or more", double.PositiveInfinity),
    ];

    private static async Task<ReportSection> ReleaseCasesAsync(EvidenceDb db, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var cases = db.ReleaseCases.AsNoTracking();
        var published = await cases.Where(c => c.PublishedAt >= from && c.PublishedAt < to)
            .Select(c => new { c.ClockStartedOn, PublishedOn = c.PublishedOn!.Value, c.DueOn, c.ExtensionCount })
            .ToListAsync(cancellationToken);
        List<double> days = [.. published.Select(c => (double)(c.PublishedOn.DayNumber - c.ClockStartedOn.DayNumber)).Order()];
        var end = DateOnly.FromDateTime(to.UtcDateTime);
        return new ReportSection("release-cases", "Public release of critical incidents",
        [
            new("cases-opened", "Release cases opened", await cases.CountAsync(c => c.OpenedAt >= from && c.OpenedAt < to, cancellationToken), Cases,
                "Cases opened in the period to release an incident's footage to the public under a release rule (a law or the agency's policy)."),
            new("cases-released", "Release cases published", published.Count, Cases,
                "Cases whose footage was published in the period, after two different people approved and published it."),
            new("cases-released-on-time", "Published by their deadline", published.Count(c => c.PublishedOn <= c.DueOn), Cases,
                "Of the cases published in the period, those published on or before their due date, as extended under their rule."),
            new("cases-extended", "Published after an extension", published.Count(c => c.ExtensionCount > 0), Cases,
                "Of the cases published in the period, those whose deadline was extended at least once, each extension with its recorded reason."),
            new("cases-overdue", "Release cases overdue at the period's end",
                await cases.CountAsync(c => c.OpenedAt < to && c.DueOn < end && (c.PublishedAt == null || c.PublishedAt >= to), cancellationToken), Cases,
                "Cases opened before the period's end, not published by its end and past their due date (as extended) by then."),
            new("days-to-release-median", "Median days to release", days.Count == 0 ? null : Percentiles.Of(days, 0.5), Days,
                "The middle of the calendar days from the day each case's clock started (the incident or the complaint, as its rule says) to "
                + "the day it was published, over the cases published in the period."),
        ],
        [
            new("days-to-release-bands", "Days to release", Cases,
                "The cases published in the period by calendar days from the day their clock started to the day they were published.",
                Banded(ReleaseBands, days)),
        ]);
    }
}
