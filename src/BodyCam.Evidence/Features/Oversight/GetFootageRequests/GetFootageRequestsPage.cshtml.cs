using BodyCam.Evidence.Domain.Oversight;
using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>The footage requests the signed-in person may open, newest first, with how many open ones are overdue.</summary>
public sealed class GetFootageRequestsPage(IMediator mediator) : ConsolePage(mediator)
{
    public static IReadOnlyList<string> Statuses { get; } = Enum.GetNames<FootageRequestStatus>();

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    /// <summary>Not "page": Razor Pages routes by a value of that name.</summary>
    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public FootageRequestsPage Requests { get; private set; } = null!;

    public async Task OnGetAsync() =>
        Requests = await Mediator.Send(new GetFootageRequests(Status, Overdue, PageNumber, GetFootageRequestsEndpoint.DefaultPageSize), HttpContext.RequestAborted);

    public string PageLink(int page) => $"/footage-requests?status={Uri.EscapeDataString(Status ?? "")}&overdue={(Overdue ? "true" : "false")}&pageNumber={page}";
}
