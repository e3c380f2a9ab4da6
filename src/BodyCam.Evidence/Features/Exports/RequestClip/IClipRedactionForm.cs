namespace BodyCam.Evidence.Features.Exports;

/// <summary>
/// A form that asks for a clip's redactions (<c>_ClipRedactions.cshtml</c>, drawn with <c>draw.js</c>): rows of blur
/// rectangles and mute ranges, and the size of the blank frame they are drawn on.
/// </summary>
public interface IClipRedactionForm
{
    string FrameExplanation { get; }
    List<RequestClipPage.BlurRow> Blurs { get; }
    List<RequestClipPage.MuteRow> Mutes { get; }
    int FrameWidth { get; }
    int FrameHeight { get; }
}
