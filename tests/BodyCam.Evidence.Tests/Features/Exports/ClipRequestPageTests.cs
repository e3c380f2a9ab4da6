using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Tests.Support.Browser;
using BodyCam.Evidence.Verification.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BodyCam.Evidence.Tests.Features.Exports;

/// <summary>
/// A board asks for a clip in the console and takes the package; a supervisor and a custodian, each in their own browser,
/// give the two approvals; a denial and an approval outside the rules, as the deciders see them.
/// </summary>
public sealed class ClipRequestPageTests(ApiProfile profile) : ConsoleTests(profile)
{
    private const string Purpose = "Complaint 2026-410";

    private Guid _item;

    protected override (string Key, string Value)[] Settings => [("Exports:RequiredApprovals", "2")];

    [OneTimeSetUp]
    public async Task AddVideo() => _item = await ClipExportVideo.AddVideoAsync(Api);

    [Test]
    public async Task A_board_draws_a_rectangle_two_deciders_approve_in_their_own_browsers_and_the_board_downloads_the_package()
    {
        var board = Name("board");
        await SignInAsync(board, Roles.OversightBoard);
        await Page.GotoAsync($"/clip-requests/new?evidenceId={_item}");
        await FillRangeAsync(1, 4);
        await Page.GetByLabel("Frame width (pixels)").FillAsync("320");
        await Page.GetByLabel("Frame height (pixels)").FillAsync("240");

        await Page.DragOnFrameAsync(from: (40, 20), to: (140, 100));
        await Page.GetByLabel("Mute 1 start (seconds)").FillAsync("2");
        await Page.GetByLabel("Mute 1 end (seconds)").FillAsync("3");
        await Page.GetByLabel("Watermark every frame with your board's name").CheckAsync();

        foreach (var (field, value) in new[] { ("start (seconds)", "1"), ("end (seconds)", "4"), ("x", "40"), ("y", "20"), ("width", "100"), ("height", "80") })
        {
            await Expect(Page.GetByLabel($"Rectangle 1 {field}", new() { Exact = false })).ToHaveValueAsync(value);
        }
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "clip-request-new");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Expect(Page.GetByText("0 of 2 given, 2 more needed")).ToBeVisibleAsync();
        var requestId = Guid.Parse(Page.Url.Split('/')[^1]);
        Assert.That(await RedactionsAsync(requestId), Is.EqualTo(new[]
        {
            new ClipRedaction(ClipRedaction.Blur, 1, 4, 40, 20, 100, 80), new ClipRedaction(ClipRedaction.Mute, 2, 3),
        }));

        var supervisor = await OpenAnotherPageAsync();
        await SignInAsync(supervisor, Name("supervisor"), Roles.Supervisor, ClipExportVideo.Unit);
        await DecideAsync(supervisor, requestId, "Approve", "Within policy");
        await Expect(supervisor.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your approval is recorded; the clip waits for another person's approval.");
        await Expect(supervisor.GetByText("1 of 2 given, 1 more needed")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(supervisor);
        await Screenshots.TakeAsync(supervisor, "clip-request-status");
        var custodian = await OpenAnotherPageAsync();
        await SignInAsync(custodian, Name("custodian"), Roles.Custodian);
        await DecideAsync(custodian, requestId, "Approve", "Agreed");
        await Expect(custodian.GetByRole(AriaRole.Status)).ToHaveTextAsync("Approved: the clip is being cut and packaged.");

        var ready = await ClipExportVideo.WaitUntilDoneAsync(Api.ClientFor(Roles.OversightBoard, board), requestId);
        await Page.GotoAsync($"/clip-requests/{requestId}");
        await Expect(Page.GetByText("Ready", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Approvals" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Accessibility.AssertNoViolationsAsync(Page);
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Download the package" }).ClickAsync());

        Assert.That(download.SuggestedFilename, Is.EqualTo($"export-{ready.ExportId:N}.zip"));
        using (var package = ZipFile.OpenRead(await download.PathAsync()))
        {
            Assert.That(package.Entries.Select(e => e.FullName), Is.EquivalentTo(new[]
            {
                ExportPackageFiles.Clip, ExportPackageFiles.Manifest, ExportPackageFiles.Custody, ExportPackageFiles.Proofs, ExportPackageFiles.Readme,
                ExportPackageFiles.VerifyPage,
            }));
        }
        await Page.GotoAsync("/clip-requests");
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = _item.ToString() }).First).ToContainTextAsync("Ready");
        await Accessibility.AssertNoViolationsAsync(Page);
        await Screenshots.TakeAsync(Page, "clip-requests");
        await using var db = Api.OpenDb();
        Assert.That(await db.CustodyEvents.CountAsync(e => e.Action == CustodyAction.ExportDownloaded && e.ActorId == board), Is.EqualTo(1));
    }

    [Test]
    public async Task A_custodian_denies_with_a_reason_and_the_board_reads_it()
    {
        var board = Name("board");
        var requestId = await RequestThroughTheApiAsync(board);
        await SignInAsync(Name("custodian"), Roles.Custodian);

        await DecideAsync(Page, requestId, "Deny", "An open investigation");

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Denied: the board sees your reason.");
        var boardPage = await OpenAnotherPageAsync();
        await SignInAsync(boardPage, board, Roles.OversightBoard);
        await boardPage.GotoAsync($"/clip-requests/{requestId}");
        await Expect(boardPage.GetByText("Denied", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(boardPage.GetByText("An open investigation")).ToBeVisibleAsync();
        await Expect(boardPage.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(boardPage);
    }

    [Test]
    public async Task The_first_approver_approving_again_gets_the_refusal_page_and_the_attempt_is_recorded()
    {
        var requestId = await RequestThroughTheApiAsync(Name("board"));
        var supervisor = Name("supervisor");
        await SignInAsync(supervisor, Roles.Supervisor, ClipExportVideo.Unit);
        await DecideAsync(Page, requestId, "Approve", "Within policy");

        await DecideAsync(Page, requestId, "Approve", "Within policy, twice");

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("A second approval must come from someone else.");
        await Expect(Page.GetByText("This attempt has been recorded in the custody log.")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(Page);
        await using var db = Api.OpenDb();
        var denied = await db.CustodyEvents.Where(e => e.Action == CustodyAction.AccessDenied && e.ActorId == supervisor).Select(e => e.Reason).ToListAsync();
        Assert.That(denied, Has.Exactly(1).Contains(requestId.ToString()));
    }

    [Test]
    public async Task A_board_fills_and_sends_the_request_by_keyboard_alone_typing_the_rectangle()
    {
        await SignInAsync(Name("board"), Roles.OversightBoard);
        await Page.GotoAsync($"/clip-requests/new?evidenceId={_item}");

        foreach (var (label, value) in new[]
                 {
                     ("Purpose", Purpose), ("Start (seconds)", "2"), ("End (seconds)", "5"), ("Rectangle 1 start (seconds)", "2"),
                     ("Rectangle 1 end (seconds)", "5"), ("Rectangle 1 x (pixels)", "8"), ("Rectangle 1 y (pixels)", "16"),
                     ("Rectangle 1 width (pixels)", "64"), ("Rectangle 1 height (pixels)", "48"),
                 })
        {
            await KeyboardNavigation.TabToAsync(Page, Page.GetByLabel(label, new() { Exact = true }));
            await Page.Keyboard.TypeAsync(value);
        }
        await KeyboardNavigation.TabToAsync(Page, Page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }));
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.GetByText("0 of 2 given, 2 more needed")).ToBeVisibleAsync();
        Assert.That(await RedactionsAsync(Guid.Parse(Page.Url.Split('/')[^1])),
            Is.EqualTo(new[] { new ClipRedaction(ClipRedaction.Blur, 2, 5, 8, 16, 64, 48) }));
    }

    private static string Name(string role) => $"{role}-{Guid.NewGuid():N}"[..(role.Length + 7)];

    private async Task FillRangeAsync(double start, double end)
    {
        await Page.GetByLabel("Purpose", new() { Exact = true }).FillAsync(Purpose);
        await Page.GetByLabel("Start (seconds)", new() { Exact = true }).FillAsync(start.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByLabel("End (seconds)", new() { Exact = true }).FillAsync(end.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task DecideAsync(IPage page, Guid requestId, string decision, string reason)
    {
        await page.GotoAsync($"/clip-requests/{requestId}");
        await page.GetByLabel($"Reason for {(decision == "Approve" ? "approving" : "denying")}").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = decision, Exact = true }).ClickAsync();
    }

    private async Task<Guid> RequestThroughTheApiAsync(string board) =>
        (await (await Api.ClientFor(Roles.OversightBoard, board).PostAsJsonAsync("/api/clip-requests",
                new { evidenceId = _item, startSeconds = 1, endSeconds = 3, purpose = Purpose }))
            .ReadAsync<ClipRequestView>(HttpStatusCode.Created)).Id;

    private async Task<IReadOnlyList<ClipRedaction>> RedactionsAsync(Guid requestId)
    {
        await using var db = Api.OpenDb();
        return (await db.ClipRequests.AsNoTracking().SingleAsync(r => r.Id == requestId)).Redactions;
    }
}
