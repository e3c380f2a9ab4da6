using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Features.Exports;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>
/// The redacted clip of one of a case's items, with the clip request form's rectangles and mutes (<c>draw.js</c>), as
/// <c>POST /api/release-cases/{id}/clips</c> asks for it. The blank frame takes the item's own frame size.
/// </summary>
public sealed class PrepareReleaseClipPage(IMediator mediator) : ConsolePage(mediator), IClipRedactionForm
{
    [BindProperty(SupportsGet = true)]
    public Guid EvidenceId { get; set; }

    [BindProperty]
    public double? StartSeconds { get; set; }

    [BindProperty]
    public double? EndSeconds { get; set; }

    [BindProperty]
    public bool Watermark { get; set; } = true;

    [BindProperty]
    public List<RequestClipPage.BlurRow> Blurs { get; set; } = [];

    [BindProperty]
    public List<RequestClipPage.MuteRow> Mutes { get; set; } = [];

    [BindProperty]
    public int FrameWidth { get; set; } = 1920;

    [BindProperty]
    public int FrameHeight { get; set; } = 1080;

    public string FrameExplanation =>
        "The blank frame below stands for the recording's frame, to its scale. Drag on it to draw a rectangle over what must not be "
        + "shown (faces of bystanders, screens, addresses), or type it in a row below; each rectangle is blurred from its start to its end second, "
        + "and a drawn one takes the clip's range. Watch the item to find the places.";

    public ReleaseCaseView Case { get; private set; } = null!;

    public async Task OnGetAsync(Guid id)
    {
        Case = await Mediator.Send(new GetReleaseCase(id), HttpContext.RequestAborted);
        var item = await Mediator.Send(new GetEvidenceItem(EvidenceId), HttpContext.RequestAborted);
        FrameWidth = item.Media.Width ?? FrameWidth;
        FrameHeight = item.Media.Height ?? FrameHeight;
        RequestClipPage.AddSpareRows(this);
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        Blurs.RemoveAll(row => row.IsBlank);
        Mutes.RemoveAll(row => row.IsBlank);
        var request = await TrySendAsync(new PrepareReleaseClip(
            id, EvidenceId, StartSeconds, EndSeconds, [.. Blurs.Select(row => row.Redaction), .. Mutes.Select(row => row.Redaction)], Watermark));
        if (request is null)
        {
            Case = await Mediator.Send(new GetReleaseCase(id), HttpContext.RequestAborted);
            RequestClipPage.AddSpareRows(this);
            return Page();
        }
        TempData[ReleaseStepPage.DoneKey] = $"Clip request {request.Id} is waiting for another supervisor's or custodian's approval.";
        return Redirect($"/releases/{id}");
    }
}
