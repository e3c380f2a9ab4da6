using BodyCam.Evidence.Domain.Retention;
using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Disposition;

/// <summary>
/// The disposition queue: items the retention sweep found due, the requests in one status (pending by default) with
/// who asked and who approved, and the certificates of what purges destroyed.
/// </summary>
public sealed class GetDispositionRequestsPage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty(SupportsGet = true)]
    public DispositionRequestStatus Status { get; set; } = DispositionRequestStatus.Pending;

    [TempData]
    public string? Confirmation { get; set; }

    public IReadOnlyList<EligibleItem> Eligible { get; private set; } = [];

    public IReadOnlyList<DispositionRequestView> Requests { get; private set; } = [];

    public IReadOnlyList<CertificateSummary> Certificates { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Eligible = await Mediator.Send(new GetEligibleForDisposition(PageLimit.Of(null)), ct);
        Requests = await Mediator.Send(new GetDispositionRequests(Status, PageLimit.Of(null)), ct);
        Certificates = await Mediator.Send(new GetDispositionCertificates(), ct);
    }
}
