using System.Globalization;
using BodyCam.Evidence.Features.Compliance;

namespace BodyCam.Evidence.Features.Reports;

/// <summary>How the report's pages write its figures: durations as a person says them, counts as numbers, histograms as bar charts.</summary>
public static class TransparencyReportFormat
{
    private const string Fill = "#0b57a4";

    public static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Value(ReportFigure figure) => (figure.Value, figure.Unit) switch
    {
        (null, _) => "none: nothing to measure",
        ({ } seconds, "seconds") => BarChart.Duration(seconds),
        (1, var unit) => $"1 {unit.TrimEnd('s')}",
        ({ } value, var unit) => $"{BarChart.Number(value)} {unit}",
    };

    public static BarChart Chart(ReportHistogram histogram) => new(
        histogram.Id, histogram.Title, [.. histogram.Bands.Select(band => band.Label)],
        [new ChartSeries(char.ToUpperInvariant(histogram.Unit[0]) + histogram.Unit[1..], Fill, [.. histogram.Bands.Select(band => (double)band.Count)])],
        BarChart.Number);
}
