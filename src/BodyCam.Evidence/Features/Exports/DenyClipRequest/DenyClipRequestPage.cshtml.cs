using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Exports;

public sealed class DenyClipRequestPage(IMediator mediator) : ClipRequestDecisionPage(mediator)
{
    public async Task<IActionResult> OnPostAsync(Guid id) =>
        await DecideAsync(id, new DenyClipRequest(id, Reason ?? ""), _ => "Denied: the board sees your reason.");
}
