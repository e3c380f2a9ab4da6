using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Releases;

public sealed class ApproveReleasePage(IMediator mediator) : ReleaseStepPage(mediator)
{
    public async Task<IActionResult> OnPostAsync(Guid id) =>
        await StepAsync(id, new ApproveRelease(id, Reason ?? ""), _ => "Approved: another custodian publishes it.");
}
