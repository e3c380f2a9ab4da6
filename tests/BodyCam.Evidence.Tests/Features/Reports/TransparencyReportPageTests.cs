using System.Globalization;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.Playwright;

namespace BodyCam.Evidence.Tests.Features.Reports;

/// <summary>The transparency report in the browser: the public page read without signing in, and the auditors' console page.</summary>
public sealed class TransparencyReportPageTests(ApiProfile profile) : ConsoleTests(profile)
{
    private string _period = null!;

    protected override (string Key, string Value)[] Settings => [("Public:Enabled", "true")];

    [OneTimeSetUp]
    public async Task SeedRecordings()
    {
        using var dock = Api.DockClient(await Api.RegisterDockAsync());
        var now = DateTimeOffset.UtcNow;
        foreach (var delay in new[] { TimeSpan.FromMinutes(20), TimeSpan.FromHours(3), TimeSpan.FromHours(30) })
        {
            var end = Iso(now - delay);
            await dock.UploadVerifiedRecordingAsync("olga", new Dictionary<string, string> { ["recordedStart"] = end, ["recordedEnd"] = end });
        }
        await Api.WaitForCheckpointAsync();
        _period = $"from={Date(now.AddDays(-1))}&to={Date(now.AddDays(1))}";
    }

    [Test]
    public async Task Anyone_reads_the_public_report_without_signing_in_its_chart_drawn_with_its_table_and_its_checkpoint_named()
    {
        await Page.GotoAsync($"/public/reports/transparency?{_period}");

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Transparency report", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#figure-received")).ToContainTextAsync("3 recordings");
        await Assertions.Expect(Page.GetByRole(AriaRole.Img, new() { Name = "Upload delays by band" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Upload delays by band, the chart's figures" })).ToContainTextAsync("1 to 3 days");
        await Assertions.Expect(Page.GetByText("bodycam verify checkpoint checkpoint.txt")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Download as CSV" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Navigation)).ToHaveCountAsync(0);
        Assert.That(Page.Url, Does.Contain("/public/reports/transparency"), "not sent to sign in");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "transparency-report-public");
    }

    [Test]
    public async Task An_auditor_opens_the_report_from_the_console_chooses_a_period_and_downloads_it_as_CSV()
    {
        await SignInAsync("ann", Roles.Auditor);

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "Transparency report" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Transparency report", Level = 1 })).ToBeVisibleAsync();
        var dates = _period.Split('&').Select(part => part.Split('=')[1]).ToArray();
        await Page.GetByLabel("From (UTC)").FillAsync(dates[0]);
        await Page.GetByLabel("Until, not including (UTC)").FillAsync(dates[1]);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show period" }).ClickAsync();

        await Assertions.Expect(Page.Locator("#figure-received")).ToContainTextAsync("3 recordings");
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "/public/reports/transparency" })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "transparency-report-console");
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Download as CSV" }).ClickAsync());
        Assert.That(download.SuggestedFilename, Is.EqualTo("transparency-report.csv"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.That(csv, Does.StartWith("periodFrom,periodTo,checkpointTreeSize,section,figure,name,value,unit,definition"));
        Assert.That(csv, Does.Contain(",recordings,received,Recordings received,3,recordings,"));
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
