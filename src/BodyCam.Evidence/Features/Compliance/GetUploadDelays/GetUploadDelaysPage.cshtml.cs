using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Compliance;

/// <summary>
/// The compliance views as charts: upload delays, the uncategorised share and unreviewed use-of-force items, each the
/// answer of its own query over one period (UTC to the minute, from a <c>datetime-local</c> field).
/// </summary>
public sealed class GetUploadDelaysPage(IMediator mediator) : ConsolePage(mediator)
{
    private const string Median = "#0b57a4";
    private const string Worst = "#a34700";
    private const int MostRows = 12;

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public UploadDelayReport Delays { get; private set; } = null!;

    public UncategorisedReport Uncategorised { get; private set; } = null!;

    public UnreviewedReport Unreviewed { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var (from, to) = (Utc(From), Utc(To));
        Delays = await Mediator.Send(new GetUploadDelays(from, to), HttpContext.RequestAborted);
        Uncategorised = await Mediator.Send(new GetUncategorisedItems(from, to, Limit: "10"), HttpContext.RequestAborted);
        Unreviewed = await Mediator.Send(new GetUnreviewedItems(Category: null, from, to, Limit: "10"), HttpContext.RequestAborted);
    }

    public BarChart DockDelayChart => DelayChart("dock-delays", "Upload delay per dock",
        [.. Delays.Docks.Take(MostRows).Select(d => d.DockName ?? d.DockId.ToString())],
        [.. Delays.Docks.Take(MostRows).Select(d => d.MedianSeconds)], [.. Delays.Docks.Take(MostRows).Select(d => d.P95Seconds)]);

    public BarChart OfficerDelayChart => DelayChart("officer-delays", "Upload delay per officer",
        [.. Delays.Officers.Take(MostRows).Select(o => o.OfficerId ?? "no officer")],
        [.. Delays.Officers.Take(MostRows).Select(o => o.MedianSeconds)], [.. Delays.Officers.Take(MostRows).Select(o => o.P95Seconds)]);

    public BarChart UncategorisedChart => new("uncategorised", "Share of recordings without a category, per unit",
        [.. Uncategorised.Units.Take(MostRows).Select(u => UnitName(u.Unit))],
        [new ChartSeries("Uncategorised share", Worst, [.. Uncategorised.Units.Take(MostRows).Select(u => u.Share)])],
        BarChart.Percent);

    public BarChart UnreviewedChart => new("unreviewed", "Unreviewed use-of-force recordings, per unit",
        [.. Unreviewed.Units.Take(MostRows).Select(u => UnitName(u.Unit))],
        [new ChartSeries("Unreviewed recordings", Median, [.. Unreviewed.Units.Take(MostRows).Select(u => (double)u.Count)])],
        BarChart.Number);

    public ComplianceItemTable OldestUncategorised => new("The oldest recordings without a category", Uncategorised.Items);

    public ComplianceItemTable OldestUnreviewed => new("The oldest unreviewed recordings", Unreviewed.Items);

    public static string UnitName(string? unit) => unit ?? "no unit";

    private static BarChart DelayChart(string id, string title, IReadOnlyList<string> rows, IReadOnlyList<double> medians, IReadOnlyList<double> worst) =>
        new(id, title, rows, [new ChartSeries("Median", Median, medians), new ChartSeries("95th percentile", Worst, worst)], BarChart.Duration);

    private static string? Utc(string? minute) => string.IsNullOrEmpty(minute) ? null : minute + "Z";
}
