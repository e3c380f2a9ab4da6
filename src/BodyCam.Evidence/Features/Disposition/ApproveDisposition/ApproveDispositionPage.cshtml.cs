using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Disposition;

/// <summary>A second custodian's approval, from the queue. The requester's own approval is refused by the use case, and shown as a refusal.</summary>
public sealed class ApproveDispositionPage(IMediator mediator) : ConsolePage(mediator)
{
    [FromRoute]
    public Guid RequestId { get; set; }

    [TempData]
    public string? Confirmation { get; set; }

    public IActionResult OnGet() => Redirect("/disposition");

    public async Task<IActionResult> OnPostAsync()
    {
        var approved = await Mediator.Send(new ApproveDisposition(RequestId), HttpContext.RequestAborted);
        Confirmation = $"Disposition of {approved.EvidenceId} approved; it can be restored until the purge after {approved.PurgeAfter:yyyy-MM-dd HH:mm} UTC.";
        return Redirect("/disposition");
    }
}
