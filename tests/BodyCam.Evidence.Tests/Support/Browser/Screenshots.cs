using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Support.Browser;

/// <summary>
/// Full-page screenshots at the fixed viewport. With BODYCAM_SCREENSHOTS=1 they are written to docs/console/screenshots
/// (or the screenshots folder of another part of docs/) for the documentation; otherwise to the test's work folder, so a
/// run on a clean clone leaves it clean.
/// </summary>
internal static partial class Screenshots
{
    public static bool ForDocumentation => Environment.GetEnvironmentVariable("BODYCAM_SCREENSHOTS") == "1";

    public static async Task<string> TakeAsync(IPage page, string name, string docs = "console")
    {
        Assert.That(name, Does.Match(FileName()), "a screenshot's name is its file name: lower-case words and dashes");
        var folder = ForDocumentation
            ? Path.Combine(LocalServices.RepositoryRoot, "docs", docs, "screenshots")
            : Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        var path = Path.Combine(folder, name + ".png");
        await page.SetViewportSizeAsync(BrowserTests.Viewport.Width, BrowserTests.Viewport.Height);
        await page.ScreenshotAsync(new()
        {
            Path = path,
            FullPage = true,
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
        });
        TestContext.AddTestAttachment(path);
        return path;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex FileName();
}
