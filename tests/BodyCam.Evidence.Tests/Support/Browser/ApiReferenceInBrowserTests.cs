using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BodyCam.Evidence.Tests.Support.Browser;

public sealed class ApiReferenceInBrowserTests(ApiProfile profile) : ConsoleTests(profile)
{
    [Test]
    public async Task The_running_server_reports_ready_in_the_browser()
    {
        var response = await Page.GotoAsync("/health/ready");

        Assert.That(response!.Status, Is.EqualTo(200));
        await Expect(Page.Locator("body")).ToHaveTextAsync("Healthy");
    }

    [Test]
    public async Task The_api_reference_renders_the_served_document()
    {
        await Page.GotoAsync("/scalar");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "BodyCam.Evidence.Api" }).First).ToBeVisibleAsync();
    }
}
