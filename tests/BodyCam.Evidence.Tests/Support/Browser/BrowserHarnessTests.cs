using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BodyCam.Evidence.Tests.Support.Browser;

[Parallelizable(ParallelScope.Self)]
public sealed class BrowserHarnessTests : BrowserTests
{
    private const string AccessiblePage = """
        <!doctype html>
        <html lang="en"><head><title>Evidence search</title></head>
        <body><main><h1>Evidence search</h1>
          <form><label for="q">Case number</label><input id="q" name="q"><button type="submit">Search</button></form>
        </main></body></html>
        """;

    [Test]
    public async Task Axe_passes_an_accessible_page()
    {
        await Page.SetContentAsync(AccessiblePage);

        await Accessibility.AssertNoViolationsAsync(Page);
    }

    [Test]
    public async Task Axe_lists_each_violation_with_its_rule_impact_and_elements()
    {
        await Page.SetContentAsync("""
            <!doctype html>
            <html lang="en"><head><title>Broken</title></head>
            <body><main><img id="badge" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button id="play"></button></main></body></html>
            """);

        var violations = await Accessibility.ViolationsAsync(Page);
        var failure = Assert.ThrowsAsync<AssertionException>(() => Accessibility.AssertNoViolationsAsync(Page));

        Assert.That(violations.Select(violation => (violation.Id, violation.Impact, Target: violation.Targets.Single())),
            Is.EquivalentTo(new[] { ("image-alt", "critical", "#badge"), ("button-name", "critical", "#play") }));
        Assert.That(failure.Message, Does.Contain("image-alt (critical): Images must have alternative text at #badge")
            .And.Contain("button-name (critical)").And.Contain("#play"));
    }

    [Test]
    public async Task Tab_reaches_a_control_by_keyboard_alone()
    {
        await Page.SetContentAsync(AccessiblePage);

        await KeyboardNavigation.TabToAsync(Page, Page.GetByRole(AriaRole.Button, new() { Name = "Search" }));

        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Search" })).ToBeFocusedAsync();
    }

    [Test]
    public async Task Tab_fails_naming_where_focus_went_when_a_control_is_out_of_reach()
    {
        await Page.SetContentAsync("""<a href="#top">Top</a><button tabindex="-1">Hidden from the keyboard</button><input aria-label="Case number">""");

        var failure = Assert.ThrowsAsync<AssertionException>(() =>
            KeyboardNavigation.TabToAsync(Page, Page.GetByRole(AriaRole.Button), maxPresses: 3));

        Assert.That(failure.Message, Does.Contain("a \"Top\"").And.Contain("input \"Case number\""));
    }

    [Test]
    public async Task Chromium_plays_H264_mp4_video()
    {
        var video = Path.Combine(Directory.CreateTempSubdirectory("bodycam-browser-").FullName, "clip.mp4");
        await LocalServices.RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=2:size=320x240:rate=25",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart", video);
        await Page.RouteAsync("http://media.test/**", route => route.Request.Url.EndsWith("/clip.mp4", StringComparison.Ordinal)
            ? route.FulfillAsync(new() { ContentType = "video/mp4", BodyBytes = File.ReadAllBytes(video) })
            : route.FulfillAsync(new() { ContentType = "text/html", Body = """<video src="clip.mp4" muted></video>""" }));
        await Page.GotoAsync("http://media.test/player");

        await Page.Locator("video").EvaluateAsync("video => video.play()");

        await Page.WaitForFunctionAsync("() => document.querySelector('video').currentTime > 1");
        Assert.That(await Page.Locator("video").EvaluateAsync<int>("video => video.videoWidth"), Is.EqualTo(320));
        File.Delete(video);
    }
}
