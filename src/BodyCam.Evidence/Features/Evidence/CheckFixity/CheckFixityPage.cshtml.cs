using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>
/// Quarantined items, by the evidence search's status filter: each failed a hash check at receipt or a fixity check
/// since, and is kept as found for investigation (its page says why). Custodians check one item's bytes now from here.
/// </summary>
public sealed class CheckFixityPage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    [TempData]
    public string? Confirmation { get; set; }

    public EvidencePage Quarantined { get; private set; } = new([], null);

    public async Task OnGetAsync() => Quarantined = await Mediator.Send(
        new GetEvidenceItems(null, null, null, null, null, null, null, nameof(EvidenceStatus.Quarantined), null, null, Cursor, null),
        HttpContext.RequestAborted);
}
