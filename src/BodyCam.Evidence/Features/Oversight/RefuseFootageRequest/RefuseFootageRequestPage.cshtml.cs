using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Oversight;

public sealed class RefuseFootageRequestPage(IMediator mediator) : FootageRequestStepPage(mediator)
{
    public async Task<IActionResult> OnPostAsync(Guid id) =>
        await StepAsync(id, new RefuseFootageRequest(id, Reason), "Refused: the board sees your reason.");
}
