using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Oversight;

public sealed class ReleaseFootagePage(IMediator mediator) : FootageRequestStepPage(mediator)
{
    public async Task<IActionResult> OnPostAsync(Guid id) =>
        await StepAsync(id, new ReleaseFootage(id, Reason), "Released: each item is a clip request being cut and packaged for the board.");
}
