using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Support.Browser;

/// <summary>
/// A fixture whose every test gets a page in a browser context of its own (cookies, storage and cache start empty)
/// with a fixed viewport, locale and time zone. When a test fails, a screenshot and a Playwright trace of it are
/// attached to its result. Requests over HTTPS, which cannot leave this network, are refused at once.
/// Pages are kept per test, so fixtures and their tests may run in parallel; those with a server of their own
/// (<see cref="ConsoleTests"/>) do not yet: two servers in one process were seen to lose an upload's verify job.
/// </summary>
public abstract partial class BrowserTests
{
    public static readonly ViewportSize Viewport = new() { Width = 1280, Height = 800 };

    private readonly ConcurrentDictionary<string, IPage> _pages = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<IPage>> _otherPages = new();

    /// <summary>The running test's page.</summary>
    protected IPage Page => _pages[TestContext.CurrentContext.Test.ID];

    /// <summary>Where relative URLs of <see cref="Page"/> lead.</summary>
    protected virtual Uri? BaseAddress => null;

    [SetUp]
    public async Task OpenPage() => _pages[TestContext.CurrentContext.Test.ID] = await NewContextPageAsync();

    /// <summary>
    /// A page in a second browser context of the running test, with cookies of its own: another person at another
    /// computer, e.g. the second custodian of a two-person rule. It is closed with the test.
    /// </summary>
    protected async Task<IPage> OpenAnotherPageAsync()
    {
        var page = await NewContextPageAsync();
        _otherPages.GetOrAdd(TestContext.CurrentContext.Test.ID, _ => new ConcurrentBag<IPage>()).Add(page);
        return page;
    }

    private async Task<IPage> NewContextPageAsync()
    {
        var browser = await Chromium.BrowserAsync();
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress?.ToString(),
            ViewportSize = Viewport,
            DeviceScaleFactor = 1,
            Locale = "en-GB",
            TimezoneId = "UTC",
            ColorScheme = ColorScheme.Light,
            ReducedMotion = ReducedMotion.Reduce,
        });
        // The server under test is plain HTTP on loopback; anything over HTTPS (a library's web fonts) would hang
        // until the closed network times it out, delaying the page's load event by seconds.
        await context.RouteAsync("https://**", route => route.AbortAsync("blockedbyclient"));
        await context.Tracing.StartAsync(new() { Screenshots = true, Snapshots = true, Sources = false });
        return await context.NewPageAsync();
    }

    [TearDown]
    public async Task ClosePage()
    {
        if (_otherPages.TryRemove(TestContext.CurrentContext.Test.ID, out var others))
        {
            foreach (var other in others)
            {
                await other.Context.Tracing.StopAsync();
                await other.Context.CloseAsync();
            }
        }
        if (!_pages.TryRemove(TestContext.CurrentContext.Test.ID, out var page))
        {
            return;
        }
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-failures", FileName().Replace(TestContext.CurrentContext.Test.FullName, "_"));
            var screenshot = Path.Combine(folder, "page.png");
            var trace = Path.Combine(folder, "trace.zip");
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            await page.Context.Tracing.StopAsync(new() { Path = trace });
            TestContext.AddTestAttachment(screenshot);
            TestContext.AddTestAttachment(trace, "Playwright trace: playwright show-trace, or trace.playwright.dev");
        }
        else
        {
            await page.Context.Tracing.StopAsync();
        }
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"[^\w.-]+")]
    private static partial Regex FileName();
}
