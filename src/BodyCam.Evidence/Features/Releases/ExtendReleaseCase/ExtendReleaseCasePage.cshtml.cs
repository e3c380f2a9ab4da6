using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Releases;

public sealed class ExtendReleaseCasePage(IMediator mediator) : ReleaseStepPage(mediator)
{
    public async Task<IActionResult> OnPostAsync(Guid id) =>
        await StepAsync(id, new ExtendReleaseCase(id, Reason), releaseCase => $"Extended: now due {releaseCase.DueOn:yyyy-MM-dd}.");
}
