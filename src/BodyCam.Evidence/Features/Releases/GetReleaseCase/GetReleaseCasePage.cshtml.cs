using BodyCam.Evidence.Features.Console;
using Mediator;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>A release case: its clock, timeline, items and clips, and the step it waits for.</summary>
public sealed class GetReleaseCasePage(IMediator mediator) : ConsolePage(mediator)
{
    public ReleaseCaseView Case { get; private set; } = null!;

    public string? Done { get; private set; }

    public string? Refused { get; private set; }

    public bool ClipsReady => Case.Clips.Count > 0 && Case.Clips.All(c => c.Status == "Ready");

    public async Task OnGetAsync(Guid id)
    {
        Case = await Mediator.Send(new GetReleaseCase(id), HttpContext.RequestAborted);
        Done = TempData[ReleaseStepPage.DoneKey] as string;
        Refused = TempData[ReleaseStepPage.RefusedKey] as string;
    }
}
