using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Releases;

public sealed class PublishReleasePage(IMediator mediator) : ReleaseStepPage(mediator)
{
    public async Task<IActionResult> OnPostAsync(Guid id) =>
        await StepAsync(id, new PublishRelease(id), releaseCase => $"Published at {releaseCase.PublicPath}.");
}
