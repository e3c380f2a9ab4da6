using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Reports;

/// <summary>The transparency report for a period, as <c>GET /api/reports/transparency</c> answers it, and the same as a CSV download.</summary>
public sealed class GetTransparencyReportPage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public TransparencyReport Report { get; private set; } = null!;

    public async Task OnGetAsync() => Report = await Mediator.Send(Query, HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetCsvAsync() => await ReportPeriodForm.DownloadAsync(await Mediator.Send(Query, HttpContext.RequestAborted), Response);

    private GetTransparencyReport Query => new(ReportPeriodForm.Instant(From), ReportPeriodForm.Instant(To));
}
