using System.Globalization;
using CsvHelper;

namespace BodyCam.Evidence.Features.Reports;

/// <summary>
/// One figure of a transparency report as a CSV row. Each row carries the period and the checkpoint, so that the rows of
/// several reports pasted into one sheet still say which period and which ledger state each figure belongs to; a
/// histogram's bands are rows of their own, <c>figure</c> being the histogram's id and the band's, joined by a dot.
/// </summary>
[CsvRecord]
public sealed partial record TransparencyCsvRow(
    [property: CsvColumn("periodFrom"), CsvFormat("yyyy-MM-dd'T'HH:mm:ss'Z'")] DateTimeOffset PeriodFrom,
    [property: CsvColumn("periodTo"), CsvFormat("yyyy-MM-dd'T'HH:mm:ss'Z'")] DateTimeOffset PeriodTo,
    [property: CsvColumn("checkpointTreeSize")] long CheckpointTreeSize,
    [property: CsvColumn("section")] string Section,
    [property: CsvColumn("figure")] string Figure,
    [property: CsvColumn("name")] string Name,
    [property: CsvColumn("value")] string? Value,
    [property: CsvColumn("unit")] string Unit,
    [property: CsvColumn("definition")] string Definition);

public static class TransparencyCsv
{
    public const string MediaType = "text/csv";
    public const string ContentDisposition = "attachment; filename=\"transparency-report.csv\"";

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    public static IEnumerable<TransparencyCsvRow> Rows(this TransparencyReport report)
    {
        foreach (var section in report.Sections)
        {
            foreach (var figure in section.Figures)
            {
                yield return Row(report, section, figure.Id, figure.Name, figure.Value, figure.Unit, figure.Definition);
            }
            foreach (var histogram in section.Histograms)
            {
                foreach (var band in histogram.Bands)
                {
                    yield return Row(report, section, $"{histogram.Id}.{band.Id}", $"{histogram.Title}: {band.Label}", band.Count, histogram.Unit, histogram.Definition);
                }
            }
        }
    }

    public static async Task WriteCsvAsync(this TransparencyReport report, Stream destination, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        await csv.WriteRecordsAsync(report.Rows(), cancellationToken);
    }

    private static TransparencyCsvRow Row(TransparencyReport report, ReportSection section, string figure, string name, double? value, string unit, string definition) =>
        new(report.From.ToUniversalTime(), report.To.ToUniversalTime(), report.Checkpoint.TreeSize, section.Id, figure, name,
            value?.ToString("R", CultureInfo.InvariantCulture), unit, definition);
}
