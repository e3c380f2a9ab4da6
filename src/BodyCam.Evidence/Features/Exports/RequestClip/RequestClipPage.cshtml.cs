using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Verification.Exports;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>
/// A board asks for a clip. Boards see no evidence (playback and posters are refused to them), so rectangles are drawn
/// on a blank frame of the size the board gives, in pixels of the recorded frame; the reviewer weighs them against the
/// item. A row left wholly blank is a spare row of the form, not a redaction.
/// </summary>
public sealed class RequestClipPage(IMediator mediator) : ConsolePage(mediator), IClipRedactionForm
{
    /// <summary>Rows the form offers beyond those filled, so a rectangle or mute can be typed without a script.</summary>
    public const int SpareRows = 1;

    [BindProperty(SupportsGet = true)]
    public Guid? EvidenceId { get; set; }

    [BindProperty]
    public double? StartSeconds { get; set; }

    [BindProperty]
    public double? EndSeconds { get; set; }

    [BindProperty]
    public Guid? BookmarkId { get; set; }

    [BindProperty]
    public double? BeforeSeconds { get; set; }

    [BindProperty]
    public double? AfterSeconds { get; set; }

    [BindProperty]
    public string Purpose { get; set; } = "";

    [BindProperty]
    public bool Accurate { get; set; }

    [BindProperty]
    public bool Watermark { get; set; }

    [BindProperty]
    public List<BlurRow> Blurs { get; set; } = [];

    [BindProperty]
    public List<MuteRow> Mutes { get; set; } = [];

    /// <summary>The drawing surface's size only: the request carries pixels, and the frame is the item's fact.</summary>
    [BindProperty]
    public int FrameWidth { get; set; } = 1920;

    [BindProperty]
    public int FrameHeight { get; set; } = 1080;

    public string FrameExplanation =>
        "Boards are not shown the video before release, so there is no picture to draw on: the blank frame below stands for the recorded frame, "
        + "to its scale. Give the frame's size in pixels, then drag on it to draw a rectangle, or type the rectangle in a row below. Each rectangle "
        + "is blurred from its start to its end second; a drawn one takes the clip's range.";

    public void OnGet() => AddSpareRows();

    public async Task<IActionResult> OnPostAsync()
    {
        Blurs.RemoveAll(row => row.IsBlank);
        Mutes.RemoveAll(row => row.IsBlank);
        var request = await TrySendAsync(new RequestClip(
            EvidenceId ?? Guid.Empty, StartSeconds, EndSeconds, BookmarkId, BeforeSeconds, AfterSeconds, Purpose ?? "", Accurate,
            [.. Blurs.Select(row => row.Redaction), .. Mutes.Select(row => row.Redaction)], Watermark));
        if (request is null)
        {
            AddSpareRows();
            return Page();
        }
        return Redirect($"/clip-requests/{request.Id}");
    }

    private void AddSpareRows() => AddSpareRows(this);

    /// <summary>One blank row of each kind after those filled, so a rectangle or mute can be typed without a script.</summary>
    internal static void AddSpareRows(IClipRedactionForm form)
    {
        form.Blurs.AddRange(Enumerable.Range(0, SpareRows).Select(_ => new BlurRow()));
        form.Mutes.AddRange(Enumerable.Range(0, SpareRows).Select(_ => new MuteRow()));
    }

    /// <summary>A rectangle to blur, in seconds of the recording and pixels of its frame.</summary>
    public sealed class BlurRow
    {
        public double? StartSeconds { get; set; }
        public double? EndSeconds { get; set; }
        public int? X { get; set; }
        public int? Y { get; set; }
        public int? Width { get; set; }
        public int? Height { get; set; }

        internal bool IsBlank => StartSeconds is null && EndSeconds is null && X is null && Y is null && Width is null && Height is null;

        internal ClipRedaction Redaction => new(ClipRedaction.Blur, StartSeconds ?? -1, EndSeconds ?? -1, X, Y, Width, Height);
    }

    /// <summary>A span of the recording whose audio is silenced.</summary>
    public sealed class MuteRow
    {
        public double? StartSeconds { get; set; }
        public double? EndSeconds { get; set; }

        internal bool IsBlank => StartSeconds is null && EndSeconds is null;

        internal ClipRedaction Redaction => new(ClipRedaction.Mute, StartSeconds ?? -1, EndSeconds ?? -1);
    }
}
