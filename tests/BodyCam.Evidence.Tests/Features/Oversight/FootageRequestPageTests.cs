using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Oversight;
using BodyCam.Evidence.Features.Oversight;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BodyCam.Evidence.Tests.Features.Oversight;

/// <summary>
/// A board asks for an incident's footage in the console; a custodian, in a browser of their own, sees the candidate
/// recording, attaches it and releases it; the clip job packages it and the board downloads it. Overdue requests are
/// flagged on the custodian's start page and in the list; another board's request is refused.
/// </summary>
public sealed class FootageRequestPageTests(ApiProfile profile) : ConsoleTests(profile)
{
    private const double Latitude = 51.5007;
    private const double Longitude = -0.1246;

    private Guid _item;

    [OneTimeSetUp]
    public async Task AddVideoWithATrack()
    {
        _item = await ClipExportVideo.AddVideoAsync(Api);
        await Api.AddTrackAsync(_item, [(Longitude - 0.002, Latitude), (Longitude, Latitude + 0.0002), (Longitude + 0.002, Latitude)]);
    }

    [Test]
    public async Task A_board_asks_by_officer_window_and_place_a_custodian_attaches_and_releases_and_the_board_downloads_the_package()
    {
        var board = Name("board");
        await SignInAsync(board, Roles.OversightBoard);
        await Page.GotoAsync("/footage-requests");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Ask for footage" }).ClickAsync();
        await Page.GetByLabel("What happened").FillAsync("Arrest outside Westminster station; the complainant reports force used.");
        await Page.GetByLabel("Purpose").FillAsync("Complaint review 2026-117");
        await Page.GetByLabel("Officer").FillAsync(ClipExportVideo.OfficerId);
        await Page.GetByLabel("From (UTC)").FillAsync("2026-11-26T07:55");
        await Page.GetByLabel("To (UTC)").FillAsync("2026-11-26T08:30");
        await Page.GetByLabel("Latitude (degrees)").FillAsync("51.5007");
        await Page.GetByLabel("Longitude (degrees)").FillAsync("-0.1246");
        await Page.GetByLabel("Radius (metres)").FillAsync("100");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "footage-request-new");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Expect(Page.Locator(".facts")).ToContainTextAsync("Received");
        await Expect(Page.Locator("#deadline")).ToContainTextAsync("business days left");
        var requestId = Guid.Parse(Page.Url.Split('/')[^1]);

        var custodian = await OpenAnotherPageAsync();
        await SignInAsync(custodian, Name("custodian"), Roles.Custodian);
        await Expect(custodian.Locator("#overdue-footage")).ToContainTextAsync("overdue");
        await custodian.GotoAsync($"/footage-requests/{requestId}");
        var candidate = custodian.GetByRole(AriaRole.Region, new() { Name = "Candidate recordings" }).GetByRole(AriaRole.Row).Filter(new() { HasText = _item.ToString() });
        await candidate.GetByRole(AriaRole.Checkbox).CheckAsync();
        await custodian.GetByLabel("Why these match").FillAsync("The officer's camera, at the scene in the window");
        await Accessibility.AssertNoViolationsAsync(custodian);
        await Screenshots.TakeAsync(custodian, "footage-request-candidates");
        await custodian.GetByRole(AriaRole.Button, new() { Name = "Attach the ticked recordings" }).ClickAsync();
        await Expect(custodian.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 item attached.");
        await custodian.GetByLabel("Reason for releasing").FillAsync("Within the board's remit");
        await custodian.GetByRole(AriaRole.Button, new() { Name = "Release to the board" }).ClickAsync();
        await Expect(custodian.GetByRole(AriaRole.Status)).ToContainTextAsync("Released");

        var released = await (await Api.ClientFor(Roles.OversightBoard, board).GetAsync($"/api/footage-requests/{requestId}")).Content.ReadFromJsonAsync<FootageRequestView>();
        var clipId = released!.Items.Single().ClipRequestId!.Value;
        await ClipExportVideo.WaitUntilDoneAsync(Api.ClientFor(Roles.OversightBoard, board), clipId);
        await Page.GotoAsync($"/footage-requests/{requestId}");
        var row = Page.GetByRole(AriaRole.Region, new() { Name = "Released footage" }).GetByRole(AriaRole.Row).Filter(new() { HasText = clipId.ToString() });
        await Expect(row).ToContainTextAsync("Ready");
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Timeline" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(3);
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "footage-request-released");
        await row.GetByRole(AriaRole.Link, new() { Name = "download" }).ClickAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Download the package" }).ClickAsync());

        Assert.That(download.SuggestedFilename, Does.StartWith("export-").And.EndWith(".zip"));
        await using var db = Api.OpenDb();
        Assert.That(await db.CustodyEvents.CountAsync(e => e.Action == CustodyAction.ExportDownloaded && e.ActorId == board), Is.EqualTo(1));
        Assert.That(await db.CustodyEvents.CountAsync(e => e.Action == CustodyAction.FootageReleased && e.EvidenceId == _item && e.Reason!.Contains(requestId.ToString())), Is.EqualTo(1));
    }

    [Test]
    public async Task Overdue_requests_are_counted_on_the_custodian_s_start_page_and_marked_in_words_in_the_list()
    {
        var overdue = await SeedOverdueRequestAsync(Name("board"));
        await SignInAsync(Name("custodian"), Roles.Custodian);

        await Expect(Page.Locator("#overdue-footage")).ToContainTextAsync("footage requests are overdue");
        await Page.GetByRole(AriaRole.Link, new() { Name = "See the overdue requests" }).ClickAsync();

        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Seeded: a request left unanswered" }).First;
        await Expect(row).ToContainTextAsync("Overdue");
        await Expect(row).ToHaveClassAsync("overdue");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "footage-requests");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page.Locator("#deadline")).ToContainTextAsync("Overdue");
        Assert.That(Page.Url, Does.EndWith(overdue.ToString()));
    }

    [Test]
    public async Task Another_board_gets_the_refusal_page_and_a_request_naming_nothing_is_sent_back_saying_what_to_name()
    {
        var request = await SeedOverdueRequestAsync(Name("board"));
        var other = Name("board");
        await SignInAsync(other, Roles.OversightBoard);

        await Page.GotoAsync($"/footage-requests/{request}");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("A board sees only its own footage requests.");
        await Expect(Page.GetByText("This attempt has been recorded in the custody log.")).ToBeVisibleAsync();

        await Page.GotoAsync("/footage-requests/new");
        await Page.GetByLabel("What happened").FillAsync("Something happened");
        await Page.GetByLabel("Purpose").FillAsync("Review");
        await KeyboardNavigation.TabToAsync(Page, Page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }));
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Name the incident by at least one of");
        await Accessibility.AssertNoViolationsAsync(Page);
        await using var db = Api.OpenDb();
        Assert.That(await db.CustodyEvents.CountAsync(e => e.Action == CustodyAction.AccessDenied && e.ActorId == other && e.Reason!.Contains(request.ToString())), Is.EqualTo(1));
        Assert.That(await db.FootageRequests.CountAsync(r => r.RequestedBy == other), Is.Zero);
    }

    private static string Name(string role) => $"{role}-{Guid.NewGuid():N}"[..(role.Length + 7)];

    /// <summary>A request received a month ago and never answered, as if the server had been running since.</summary>
    private async Task<Guid> SeedOverdueRequestAsync(string board)
    {
        var receivedAt = DateTimeOffset.UtcNow.AddDays(-30);
        var deadlines = Api.Service<EvidenceSettings>().Oversight.Deadlines;
        var request = FootageRequest.Receive(
            board, "CASE-2026-0042", null, null, null, null, null, null, null, "Seeded: a request left unanswered", "Review", receivedAt, deadlines.DueAt(receivedAt));
        await using var db = Api.OpenDb();
        db.FootageRequests.Add(request);
        db.FootageRequestSteps.Add(FootageRequestStep.Of(request, board, receivedAt, null));
        await db.SaveChangesAsync();
        return request.Id;
    }
}
