using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.LegalHolds;

/// <summary>Every legal hold, newest first, with what it covers and who placed and released it.</summary>
public sealed class GetLegalHoldsPage(IMediator mediator) : ConsolePage(mediator)
{
    [BindProperty(SupportsGet = true)]
    public bool ActiveOnly { get; set; }

    public IReadOnlyList<LegalHoldView> Holds { get; private set; } = [];

    public async Task OnGetAsync() => Holds = await Mediator.Send(new GetLegalHolds(ActiveOnly), HttpContext.RequestAborted);
}
