using System.Security.Cryptography;
using System.Text;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Retention;
using BodyCam.Evidence.Features.Compliance;
using BodyCam.Evidence.Features.LegalHolds;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Reports;

/// <summary>
/// Computes the transparency report at the served checkpoint (the newest that met the witness quorum). Every figure drawn from the custody log counts
/// only events of ledger index below the checkpoint's tree size, stamped within the period, so that an auditor can
/// recount it from the entries that checkpoint commits to and get the same number however much the log has grown since.
/// What the log does not say (an item's recorded end, its categories now, a hold's scope) is read from the rows of the
/// items those events name, and each such figure's definition says so.
/// </summary>
internal static partial class TransparencyFigures
{
    private const string Recordings = "recordings";
    private const string Seconds = "seconds";
    private const string Holds = "holds";

    private static readonly (string Id, string Label, double Below)[] DelayBands =
    [
        ("under-1-hour", "under 1 hour", 3600),
        ("1-to-8-hours", "1 to 8 hours", 8 * 3600),
        ("8-to-24-hours", "8 to 24 hours", 24 * 3600),
        ("1-to-3-days", "1 to 3 days", 3 * 86_400),
        ("3-to-7-days", "3 to 7 days", 7 * 86_400),
        ("7-days-or-more", "7 days or more", double.PositiveInfinity),
    ];

    public static async Task<TransparencyReport> TransparencyReportAsync(
        this EvidenceDb db, WitnessSettings witnessing, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var checkpoint = await db.ServedCheckpointAsync(witnessing, cancellationToken)
            ?? throw new NotFoundException("No checkpoint has been served yet, and the report is computed at one; one follows within seconds of start-up.");
        var events = db.CustodyEvents.AsNoTracking().Where(e => e.Sequence < checkpoint.TreeSize && e.Time >= from && e.Time < to);
        var receivedIds = events.Where(e => e.Action == CustodyAction.Received).Select(e => e.EvidenceId);
        var received = db.EvidenceItems.AsNoTracking().Where(i => receivedIds.Contains((Guid?)i.Id));

        var ends = await received.Where(i => i.Recording.RecordedEnd != null)
            .Select(i => new { i.ReceivedAt, RecordedEnd = i.Recording.RecordedEnd!.Value })
            .ToListAsync(cancellationToken);
        List<double> delays = [.. ends.Select(e => (e.ReceivedAt - e.RecordedEnd).TotalSeconds).Order()];
        var recordings = new ReportSection(Recordings, "Recordings received",
        [
            new("received", "Recordings received", await received.CountAsync(cancellationToken), Recordings,
                "Recordings whose last byte the server received in the period: the Received custody events of the period."),
            new("uncategorised", "Recordings without a category",
                await received.CountAsync(i => !db.EvidenceCategories.Any(c => c.EvidenceId == i.Id && db.Categories.Any(k => k.Id == c.CategoryId)), cancellationToken),
                Recordings,
                "Of the recordings received in the period, those that carry no category of the agency's list when the report was computed, "
                + "so that no retention rule of their own applies to them."),
            new("upload-delays-measured", "Upload delays measured", delays.Count, Recordings,
                "Of the recordings received in the period, those whose camera reported when recording ended: only these have an upload delay."),
            new("upload-delay-median", "Median upload delay", delays.Count == 0 ? null : Percentiles.Of(delays, 0.5), Seconds,
                "The middle of the upload delays, each from the end of a recording by the camera's clock to the server's receipt of its "
                + "last byte (interpolated between the closest ranks, as Excel's PERCENTILE.INC)."),
            new("upload-delay-p95", "95th percentile upload delay", delays.Count == 0 ? null : Percentiles.Of(delays, 0.95), Seconds,
                "The upload delay that 95 of every 100 measured recordings stayed within (interpolated as the median is)."),
        ],
        [
            new("upload-delay-bands", "Upload delays by band", Recordings,
                "The measured recordings by upload delay; a delay below zero (a camera clock ahead of the server's) counts as under 1 hour.",
                Banded(DelayBands, delays)),
        ]);

        var failures = new ReportSection("failures", "Camera and storage failures",
        [
            new("quarantined", "Quarantined recordings",
                await ItemsNamedAsync(events.Where(e => e.Action == CustodyAction.Quarantined || e.Action == CustodyAction.FixityFailed), cancellationToken),
                Recordings,
                "Recordings quarantined in the period because the bytes stored no longer hash, or never hashed, to the bytes received or "
                + "declared: storage and transfer failures (Quarantined and FixityFailed events), each recording counted once."),
            new("unreadable", "Unreadable recordings",
                await ItemsNamedAsync(events.Where(e => e.Action == CustodyAction.MediaProbed && e.Outcome == CustodyOutcome.Failed), cancellationToken),
                Recordings,
                "Recordings the server's media probe could not read as video in the period: camera and recording failures (failed "
                + "MediaProbed events). They are kept as received."),
        ], []);

        var active = await db.LegalHolds.AsNoTracking().Where(h => h.PlacedAt < to && (h.ReleasedAt == null || h.ReleasedAt >= to)).ToListAsync(cancellationToken);
        var retention = new ReportSection("retention", "Purged and held",
        [
            new("purged", "Recordings purged", await ItemsNamedAsync(events.Where(e => e.Action == CustodyAction.Purged), cancellationToken), Recordings,
                "Recordings whose content was destroyed in the period at the end of their retention, after two custodians approved it "
                + "(Purged events); a tombstone and a signed disposition certificate remain."),
            new("holds-placed", "Legal holds placed", await events.CountAsync(e => e.Action == CustodyAction.LegalHoldPlaced && e.EvidenceId == null, cancellationToken),
                Holds, "Legal holds placed in the period: the LegalHoldPlaced events that name a hold rather than one of its items."),
            new("holds-in-force", "Legal holds in force at the period's end", active.Count, Holds,
                "Legal holds placed before the period's end and not released by then, as the holds are stored."),
            new("recordings-held", "Recordings held at the period's end", await RecordingsHeldAsync(db, active, to, cancellationToken), Recordings,
                "Recordings received before the period's end that a hold in force at the period's end covers, each counted once; a hold covers "
                + "its named items, its case's and an officer's in its time range, as they stand when the report was computed."),
        ], []);

        return new TransparencyReport(from, to, now, Named(checkpoint),
            [recordings, failures, retention, await FootageRequestsAsync(db, from, to, cancellationToken), await ReleaseCasesAsync(db, from, to, cancellationToken)]);
    }

    /// <summary>How many of <paramref name="values"/> fall in each band: from the band before's bound, included, to the band's own, excluded.</summary>
    private static ReportBand[] Banded((string Id, string Label, double Below)[] bands, IReadOnlyList<double> values) =>
        [.. bands.Select((band, index) => new ReportBand(band.Id, band.Label,
            values.Count(v => v < band.Below && (index == 0 || v >= bands[index - 1].Below))))];

    private static ReportCheckpoint Named(ServedCheckpoint checkpoint) => new(
        checkpoint.TreeSize, Convert.ToBase64String(checkpoint.RootHash), checkpoint.Note,
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(checkpoint.Note))), checkpoint.SignedAt);

    private static async Task<int> ItemsNamedAsync(IQueryable<CustodyEvent> events, CancellationToken cancellationToken) =>
        await events.Where(e => e.EvidenceId != null).Select(e => e.EvidenceId).Distinct().CountAsync(cancellationToken);

    private static async Task<int> RecordingsHeldAsync(EvidenceDb db, IReadOnlyList<LegalHold> holds, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var holdIds = holds.Select(h => h.Id).ToList();
        var named = (await db.LegalHoldItems.AsNoTracking().Where(i => holdIds.Contains(i.HoldId)).ToListAsync(cancellationToken))
            .ToLookup(i => i.HoldId, i => i.EvidenceId);
        var covered = new HashSet<Guid>();
        foreach (var hold in holds)
        {
            covered.UnionWith((await db.ItemsCoveredByAsync(hold, [.. named[hold.Id]], cancellationToken)).Select(item => item.Id));
        }
        return await db.EvidenceItems.CountAsync(i => covered.Contains(i.Id) && i.ReceivedAt < to, cancellationToken);
    }
}
