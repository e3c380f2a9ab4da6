using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests;

/// <summary>
/// Debian's Chromium (deploy/local/chromium.sh) driven by Playwright, launched headless once per run on first use and
/// closed at its end; Playwright's own browser download cannot be had here. Each test opens its own context on it.
/// It sits in the root namespace because NUnit runs a set-up fixture for the tests of its namespace only.
/// </summary>
[SetUpFixture]
public sealed class Chromium
{
    private const string Executable = "/usr/bin/chromium";

    // The sandbox refuses to start as root; the rest stop the background connections to Google's services that the
    // closed network refuses, which otherwise cost each context retries.
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private static readonly Lazy<Task<(IPlaywright Playwright, IBrowser Browser)>> Launched = new(LaunchAsync);

    public static async Task<IBrowser> BrowserAsync() => (await Launched.Value).Browser;

    [OneTimeTearDown]
    public async Task Close()
    {
        if (!Launched.IsValueCreated || !Launched.Value.IsCompletedSuccessfully)
        {
            return;
        }
        var (playwright, browser) = await Launched.Value;
        await browser.CloseAsync();
        playwright.Dispose();
    }

    private static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing; deploy/local/chromium.sh install provides it.");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Executable, Headless = true, Args = Arguments });
        return (playwright, browser);
    }
}
