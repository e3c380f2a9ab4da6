using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.LegalHolds;

/// <summary>One hold: its scope, the items it names, where to find the items its case or officer scope covers, and its release.</summary>
public sealed class GetLegalHoldPage(IMediator mediator) : ConsolePage(mediator)
{
    [FromRoute]
    public Guid Id { get; set; }

    public LegalHoldView Hold { get; private set; } = null!;

    [TempData]
    public string? Confirmation { get; set; }

    public async Task OnGetAsync() => Hold = await Mediator.Send(new GetLegalHold(Id), HttpContext.RequestAborted);
}
