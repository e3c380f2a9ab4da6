using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Reports;

/// <summary>
/// The report pages' period form: two dates, each the start of its day in UTC, the end excluded as in the API. Left
/// empty, they show the period the report chose. Beside it, the same report as a CSV download.
/// </summary>
public sealed record ReportPeriodForm(string? From, string? To)
{
    public const string View = "/Features/Reports/_ReportPeriodForm.cshtml";

    public static string? Instant(string? date) => string.IsNullOrEmpty(date) ? null : date + "T00:00:00Z";

    public static ReportPeriodForm Of(TransparencyReport report) => new(Date(report.From), Date(report.To));

    /// <summary>Writes <paramref name="report"/> as the endpoint writes <c>Accept: text/csv</c>, as a download.</summary>
    public static async Task<IActionResult> DownloadAsync(TransparencyReport report, HttpResponse response)
    {
        response.ContentType = TransparencyCsv.MediaType;
        response.Headers.ContentDisposition = TransparencyCsv.ContentDisposition;
        await report.WriteCsvAsync(response.Body, response.HttpContext.RequestAborted);
        return new EmptyResult();
    }

    private static string Date(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
