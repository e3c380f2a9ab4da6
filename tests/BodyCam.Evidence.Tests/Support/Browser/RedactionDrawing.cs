using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Support.Browser;

/// <summary>Draws a blur rectangle on the clip forms' blank frame with the mouse, as a person does.</summary>
internal static class RedactionDrawing
{
    /// <summary>Drags between two points of the recorded 320×240 frame, on the drawing's scale.</summary>
    public static async Task DragOnFrameAsync(this IPage page, (float X, float Y) from, (float X, float Y) to)
    {
        var frame = page.GetByRole(AriaRole.Img, new() { Name = "The recorded frame, blank, with the rectangles to blur" });
        await frame.ScrollIntoViewIfNeededAsync();
        var box = (await frame.BoundingBoxAsync())!;
        var scale = box.Width / 320;
        await page.Mouse.MoveAsync(box.X + from.X * scale, box.Y + from.Y * scale);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + to.X * scale, box.Y + to.Y * scale, new() { Steps = 8 });
        await page.Mouse.UpAsync();
    }
}
