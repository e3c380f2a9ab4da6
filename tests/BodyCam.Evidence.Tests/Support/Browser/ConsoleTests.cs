using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Support.Browser;

/// <summary>A browser fixture over one host per profile listening on a loopback port, started once for the fixture.</summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public abstract class ConsoleTests(ApiProfile profile) : BrowserTests
{
    protected ApiProfile Profile { get; } = profile;

    protected EvidenceApiFactory Api { get; private set; } = null!;

    protected override Uri BaseAddress => Api.BaseAddress;

    /// <summary>Configuration the fixture's server starts with, as an operator would set it.</summary>
    protected virtual (string Key, string Value)[] Settings => [];

    [OneTimeSetUp]
    public async Task StartApi() => Api = await EvidenceApiFactory.StartAsync(Profile, overNetwork: true, Settings);

    [OneTimeTearDown]
    public async Task StopApi() => await Api.DisposeAsync();

    /// <summary>Signs in through the console's development sign-in form, as a newcomer does, and waits for the start page.</summary>
    protected async Task SignInAsync(string subject, string role, string? unit = null) => await SignInAsync(Page, subject, role, unit);

    /// <summary>Signs in on <paramref name="page"/>, e.g. a second person's page from <see cref="BrowserTests.OpenAnotherPageAsync"/>.</summary>
    protected static async Task SignInAsync(IPage page, string subject, string role, string? unit = null)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Your name or badge").FillAsync(subject);
        await page.GetByLabel("Role").SelectOptionAsync(role);
        if (unit is not null)
        {
            await page.GetByLabel("Unit").FillAsync(unit);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Signed in as {subject}")).ToBeVisibleAsync();
    }
}
