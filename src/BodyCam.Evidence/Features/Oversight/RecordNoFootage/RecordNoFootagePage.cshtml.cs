using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Oversight;

public sealed class RecordNoFootagePage(IMediator mediator) : FootageRequestStepPage(mediator)
{
    public async Task<IActionResult> OnPostAsync(Guid id) =>
        await StepAsync(id, new RecordNoFootage(id, Reason), "Recorded that no footage was found: the board sees your reason.");
}
