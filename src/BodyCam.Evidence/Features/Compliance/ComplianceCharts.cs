using System.Globalization;

namespace BodyCam.Evidence.Features.Compliance;

/// <summary>One series of a bar chart: a value per row, drawn in one colour and named in the legend.</summary>
public sealed record ChartSeries(string Name, string Fill, IReadOnlyList<double> Values);

/// <summary>
/// A horizontal bar chart drawn by the server as SVG, so it reads without script. Every bar carries its value as
/// text too; the page shows the same figures as a table beside it for screen readers and for copying.
/// </summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<string> Rows, IReadOnlyList<ChartSeries> Series, Func<double, string> Format)
{
    public const int LabelWidth = 190;
    public const int PlotWidth = 460;
    public const int ValueWidth = 110;
    public const int BarHeight = 16;
    public const int RowGap = 10;
    public const int LegendHeight = 26;

    public const int Width = LabelWidth + PlotWidth + ValueWidth;

    public int RowHeight => (Series.Count * BarHeight) + RowGap;

    public int Height => LegendHeight + (Rows.Count * RowHeight) + 4;

    /// <summary>The value that fills the plot's width: the largest, so the longest bar spans it.</summary>
    private double Scale => Math.Max(Series.SelectMany(series => series.Values).DefaultIfEmpty(0).Max(), double.Epsilon);

    /// <summary>A negative value (an upload delay from a camera clock ahead) draws no bar; its text still says it.</summary>
    public double BarLength(double value) => Math.Round(Math.Max(0, value) / Scale * PlotWidth, 1);

    public int BarTop(int row, int series) => LegendHeight + (row * RowHeight) + (series * BarHeight);

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Seconds as a person says them: "45 s", "12 min", "3.5 h", "2.1 days".</summary>
    public static string Duration(double seconds) => Math.Abs(seconds) switch
    {
        < 120 => $"{Number(seconds)} s",
        < 7200 => $"{Number(seconds / 60)} min",
        < 172_800 => $"{Number(seconds / 3600)} h",
        _ => $"{Number(seconds / 86_400)} days",
    };

    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}

/// <summary>Items a compliance view lists for follow-up, under a caption.</summary>
public sealed record ComplianceItemTable(string Caption, IReadOnlyList<ComplianceItem> Items);
