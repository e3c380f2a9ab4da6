using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Exports;

public sealed class ApproveClipRequestPage(IMediator mediator) : ClipRequestDecisionPage(mediator)
{
    public async Task<IActionResult> OnPostAsync(Guid id) =>
        await DecideAsync(id, new ApproveClipRequest(id, Reason ?? ""), request => request.Status == "Requested"
            ? "Your approval is recorded; the clip waits for another person's approval."
            : "Approved: the clip is being cut and packaged.");
}
