using BodyCam.Evidence.Features.Public;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Reports;

/// <summary>The transparency report as anyone reads it, without signing in, and its CSV; 404 while <c>Public:Enabled</c> is off.</summary>
public sealed class GetPublicTransparencyReportPage(IMediator mediator) : PublicPage(mediator)
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public TransparencyReport Report { get; private set; } = null!;

    public async Task OnGetAsync() => Report = await Mediator.Send(Query, HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetCsvAsync() => await ReportPeriodForm.DownloadAsync(await Mediator.Send(Query, HttpContext.RequestAborted), Response);

    private GetPublicTransparencyReport Query => new(ReportPeriodForm.Instant(From), ReportPeriodForm.Instant(To));
}
