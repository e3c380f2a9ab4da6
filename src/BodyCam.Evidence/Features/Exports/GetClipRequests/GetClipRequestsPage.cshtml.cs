using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>The clip requests the signed-in person may open, newest first, a page at a time.</summary>
public sealed class GetClipRequestsPage(IMediator mediator) : ConsolePage(mediator)
{
    /// <summary>Not "page": Razor Pages routes by a value of that name.</summary>
    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public ClipRequestsPage Requests { get; private set; } = null!;

    public async Task OnGetAsync() =>
        Requests = await Mediator.Send(new GetClipRequests(PageNumber, GetClipRequestsEndpoint.DefaultPageSize), HttpContext.RequestAborted);
}
