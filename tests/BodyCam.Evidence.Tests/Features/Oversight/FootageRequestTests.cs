using System.Net;
using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Oversight;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Features.Oversight;

/// <summary>
/// A board's footage request over the API on a server holding a real 12-second video: asked by officer, window and
/// place; found, attached and released by a custodian as a clip request the clip job packages; the package verified
/// offline; every step and every refusal in the custody log; overdue requests flagged and counted.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class FootageRequestTests(ApiProfile profile)
{
    private const double Latitude = 51.5007;
    private const double Longitude = -0.1246;

    private readonly MovableClock _clock = new();
    private EvidenceApiFactory _api = null!;
    private Guid _item;

    [OneTimeSetUp]
    public async Task StartServerWithAVideo()
    {
        (_api, _item) = await ClipExportVideo.StartAsync(profile, services => services.AddSingleton<TimeProvider>(_clock), ("Ledger:CheckpointEverySeconds", "1"));
        await _api.AddTrackAsync(_item, [(Longitude - 0.01, Latitude), (Longitude + 0.0005, Latitude + 0.0005), (Longitude + 0.01, Latitude)]);
    }

    [OneTimeTearDown]
    public async Task StopServer() => await _api.DisposeAsync();

    [Test]
    public async Task A_board_asks_by_officer_window_and_place_and_follows_its_deadline_and_first_step()
    {
        var board = Name("board");
        var before = _clock.GetUtcNow();

        var request = await AskAsync(board);

        var deadlines = _api.Service<EvidenceSettings>().Oversight.Deadlines;
        var seen = await ReadAsync(board, request.Id);
        Assert.Multiple(() =>
        {
            Assert.That((seen.Status, seen.OfficerId, seen.Place), Is.EqualTo(("Received", ClipExportVideo.OfficerId, new FootagePlace(Latitude, Longitude, 150))));
            Assert.That(seen.DueAt, Is.EqualTo(deadlines.DueAt(seen.ReceivedAt)));
            Assert.That(seen.LastDay, Is.EqualTo(deadlines.LastDay(before)));
            Assert.That((seen.Overdue, seen.BusinessDaysLeft), Is.EqualTo((false, deadlines.DaysLeft(_clock.GetUtcNow(), seen.LastDay))));
            Assert.That(seen.Timeline.Select(s => (s.Status, s.By)), Is.EqualTo(new[] { ("Received", board) }));
        });
        Assert.That(await EventsAsync(request.Id), Is.EqualTo(new[] { (CustodyAction.FootageRequested, board, CustodyOutcome.Succeeded) }));
    }

    [TestCase("{\"description\":\"d\",\"purpose\":\"p\"}", "caseNumber")]
    [TestCase("{\"description\":\"d\",\"purpose\":\"p\",\"from\":\"2026-11-26T09:00:00Z\",\"to\":\"2026-11-26T08:00:00Z\"}", "to")]
    [TestCase("{\"description\":\"d\",\"purpose\":\"p\",\"from\":\"2026-11-26T09:00:00Z\"}", "to")]
    [TestCase("{\"description\":\"d\",\"purpose\":\"p\",\"latitude\":51.5,\"longitude\":-0.12,\"radiusMetres\":0}", "radiusMetres")]
    [TestCase("{\"description\":\"d\",\"purpose\":\"p\",\"latitude\":51.5,\"longitude\":-0.12,\"radiusMetres\":500000}", "radiusMetres")]
    [TestCase("{\"description\":\"d\",\"purpose\":\"p\",\"latitude\":91,\"longitude\":-0.12,\"radiusMetres\":100}", "latitude")]
    [TestCase("{\"description\":\"d\",\"purpose\":\"p\",\"latitude\":51.5}", "radiusMetres")]
    [TestCase("{\"purpose\":\"p\",\"caseNumber\":\"C-1\"}", "description")]
    public async Task A_request_that_does_not_name_the_incident_well_is_a_400_naming_the_field_and_recorded(string body, string field)
    {
        var refusedBefore = await CountAsync(CustodyAction.RequestRefused);

        var response = await Board(Name("board")).PostAsync("/api/footage-requests", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.That(await CountAsync(CustodyAction.RequestRefused), Is.GreaterThan(refusedBefore));
    }

    [Test]
    public async Task Another_board_is_refused_a_request_it_did_not_make_and_lists_only_its_own()
    {
        var request = await AskAsync(Name("board"));
        var other = Name("board");
        var deniedBefore = await CountAsync(CustodyAction.AccessDenied);

        var read = await Board(other).GetAsync($"/api/footage-requests/{request.Id}");
        var officer = await _api.ClientFor(Roles.Officer, ClipExportVideo.OfficerId, ClipExportVideo.Unit).PostAsJsonAsync("/api/footage-requests", Body());

        await read.AssertProblemAsync(HttpStatusCode.Forbidden);
        await officer.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(await CountAsync(CustodyAction.AccessDenied), Is.EqualTo(deniedBefore + 2));
        var listed = await (await Board(other).GetAsync("/api/footage-requests")).ReadAsync<FootageRequestsPage>(HttpStatusCode.OK);
        Assert.That(listed.Items, Is.Empty);
        var custodians = await (await Custodian().GetAsync("/api/footage-requests?pageSize=100")).ReadAsync<FootageRequestsPage>(HttpStatusCode.OK);
        Assert.That(custodians.Items.Select(r => r.Id), Does.Contain(request.Id));
    }

    [Test]
    public async Task A_custodian_finds_attaches_and_releases_the_footage_and_the_board_downloads_a_package_that_verifies()
    {
        var board = Name("board");
        var request = await AskAsync(board);

        var candidates = await (await Custodian().GetAsync($"/api/footage-requests/{request.Id}/candidates")).ReadAsync<FootageCandidates>(HttpStatusCode.OK);
        Assert.That(candidates.Items.Select(i => i.Id), Is.EqualTo(new[] { _item }));
        var attached = await (await Custodian().PostAsJsonAsync($"/api/footage-requests/{request.Id}/items", new { evidenceIds = new[] { _item }, note = "Officer's camera at the scene" }))
            .ReadAsync<FootageRequestView>(HttpStatusCode.OK);
        Assert.That((attached.Status, attached.Items.Single().EvidenceId), Is.EqualTo(("ItemsFound", _item)));
        Assert.That((await ReadAsync(board, request.Id)).Items, Is.Empty, "a board sees items only once released");

        var released = await (await Custodian().PostAsJsonAsync($"/api/footage-requests/{request.Id}/release", new { reason = "Within the board's remit" }))
            .ReadAsync<FootageRequestView>(HttpStatusCode.OK);
        var clipId = released.Items.Single().ClipRequestId!.Value;
        var ready = await ClipExportVideo.WaitUntilDoneAsync(Board(board), clipId);
        var seen = await ReadAsync(board, request.Id);

        Assert.Multiple(() =>
        {
            Assert.That((seen.Status, seen.AnsweredBy), Is.EqualTo(("Released", "cora")));
            var item = seen.Items.Single();
            Assert.That((item.EvidenceId, item.ClipRequestId, item.ClipStatus, item.ExportId), Is.EqualTo((_item, (Guid?)clipId, "Ready", ready.ExportId)));
            Assert.That(seen.Timeline.Select(s => s.Status), Is.EqualTo(new[] { "Received", "ItemsFound", "Released" }));
            Assert.That((ready.RequestedBy, ready.StartSeconds, ready.DecidedBy), Is.EqualTo((board, (double?)0, "cora")));
            Assert.That(ready.EndSeconds, Is.EqualTo(12).Within(0.2), "the whole recording");
        });
        var zip = Path.Combine(_api.DataRoot, $"footage-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(zip, await (await Board(board).GetAsync($"/api/exports/{ready.ExportId}/download")).Content.ReadAsByteArrayAsync());
        var key = (await _api.CreateClient().GetStringAsync("/api/ledger/key")).Trim();
        var (exit, output, errors) = await LocalServices.RunToExitAsync("dotnet", new Dictionary<string, string>(), [Cli.CliTests.CliAssembly, "verify", "export", zip, "--key", key]);
        Assert.That(exit, Is.Zero, output + errors);
        Assert.That(await EventsAsync(request.Id), Is.EqualTo(new[]
        {
            (CustodyAction.FootageRequested, board, CustodyOutcome.Succeeded),
            (CustodyAction.FootageAttached, "cora", CustodyOutcome.Succeeded),
            (CustodyAction.ClipRequested, board, CustodyOutcome.Succeeded),
            (CustodyAction.FootageReleased, "cora", CustodyOutcome.Succeeded),
            (CustodyAction.ClipRequestApproved, "cora", CustodyOutcome.Succeeded),
        }));
    }

    [Test]
    public async Task Candidates_by_place_alone_are_the_items_whose_track_passes_within_the_radius()
    {
        var near = await AskAsync(Name("board"), new { description = "By the bridge", purpose = "Review", latitude = Latitude, longitude = Longitude, radiusMetres = 150 });
        var corner = await AskAsync(Name("board"), new { description = "Inside the box, outside the circle", purpose = "Review", latitude = Latitude + 0.0014, longitude = Longitude + 0.0020, radiusMetres = 120 });

        Assert.That((await CandidatesAsync(near.Id)).Items.Select(i => i.Id), Does.Contain(_item));
        Assert.That((await CandidatesAsync(corner.Id)).Items.Select(i => i.Id), Does.Not.Contain(_item), "the track's nearest point is about 144 m from the circle's centre, inside the box around it");
    }

    [Test]
    public async Task Steps_the_status_does_not_allow_are_409s_and_steps_without_a_reason_400s_each_recorded()
    {
        var request = await AskAsync(Name("board"));
        var deniedBefore = await CountAsync(CustodyAction.FootageReleased, CustodyOutcome.Denied);

        var releaseUnfound = await Custodian().PostAsJsonAsync($"/api/footage-requests/{request.Id}/release", new { reason = "Nothing attached" });
        var noReason = await Custodian().PostAsJsonAsync($"/api/footage-requests/{request.Id}/none-found", new { reason = "" });
        var unknownItem = await Custodian().PostAsJsonAsync($"/api/footage-requests/{request.Id}/items", new { evidenceIds = new[] { Guid.NewGuid() }, note = "n" });
        var otherUnit = await _api.ClientFor(Roles.Supervisor, "sam", "Another-Unit")
            .PostAsJsonAsync($"/api/footage-requests/{request.Id}/items", new { evidenceIds = new[] { _item }, note = "n" });
        var none = await (await Custodian().PostAsJsonAsync($"/api/footage-requests/{request.Id}/none-found", new { reason = "The camera was off" }))
            .ReadAsync<FootageRequestView>(HttpStatusCode.OK);
        var attachLater = await Custodian().PostAsJsonAsync($"/api/footage-requests/{request.Id}/items", new { evidenceIds = new[] { _item }, note = "n" });
        var refused = await (await Custodian().PostAsJsonAsync($"/api/footage-requests/{request.Id}/refuse", new { reason = "Outside the board's remit" }))
            .ReadAsync<FootageRequestView>(HttpStatusCode.OK);

        await releaseUnfound.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That((await noReason.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.That((await unknownItem.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("evidenceIds", out _));
        await otherUnit.AssertProblemAsync(HttpStatusCode.Forbidden);
        await attachLater.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(await CountAsync(CustodyAction.FootageReleased, CustodyOutcome.Denied), Is.EqualTo(deniedBefore + 1));
        Assert.That((none.Status, none.AnsweredBy, refused.Status, refused.AnsweredBy), Is.EqualTo(("NoneFound", "cora", "Refused", "cora")));
        // PostgreSQL keeps microseconds; the first answer's own view has the clock's ticks.
        Assert.That(refused.AnsweredAt, Is.EqualTo(none.AnsweredAt).Within(TimeSpan.FromMilliseconds(1)), "the first answer stays the answer");
        Assert.That((await EventsAsync(request.Id)).Select(e => (e.Action, e.Outcome)), Is.EqualTo(new[]
        {
            (CustodyAction.FootageRequested, CustodyOutcome.Succeeded), (CustodyAction.FootageReleased, CustodyOutcome.Denied),
            (CustodyAction.RequestRefused, CustodyOutcome.Denied), (CustodyAction.RequestRefused, CustodyOutcome.Denied),
            (CustodyAction.AccessDenied, CustodyOutcome.Denied),
            (CustodyAction.FootageNotFound, CustodyOutcome.Succeeded), (CustodyAction.FootageAttached, CustodyOutcome.Denied),
            (CustodyAction.FootageRequestRefused, CustodyOutcome.Succeeded),
        }));
    }

    [Test]
    public async Task An_open_request_past_its_deadline_is_listed_and_counted_as_overdue_until_answered()
    {
        var board = Name("board");
        var request = await AskAsync(board);
        var answered = await AskAsync(board);
        await Custodian().PostAsJsonAsync($"/api/footage-requests/{answered.Id}/refuse", new { reason = "Duplicate of another request" });

        _clock.Advance(TimeSpan.FromDays(30));

        var overdue = await (await Board(board).GetAsync("/api/footage-requests?overdue=true")).ReadAsync<FootageRequestsPage>(HttpStatusCode.OK);
        Assert.That((overdue.OverdueCount, overdue.Items.Select(r => (r.Id, r.Overdue))), Is.EqualTo((1, new[] { (request.Id, true) })));
        Assert.That((await ReadAsync(board, request.Id)).Overdue);
        var all = await (await Custodian().GetAsync("/api/footage-requests?overdue=true&pageSize=100")).ReadAsync<FootageRequestsPage>(HttpStatusCode.OK);
        Assert.That(all.Items.Select(r => r.Id), Does.Contain(request.Id).And.Not.Contain(answered.Id));
        Assert.That(all.OverdueCount, Is.EqualTo(all.Items.Count));

        await Custodian().PostAsJsonAsync($"/api/footage-requests/{request.Id}/none-found", new { reason = "Nothing was recorded" });

        var after = await (await Board(board).GetAsync("/api/footage-requests?status=NoneFound")).ReadAsync<FootageRequestsPage>(HttpStatusCode.OK);
        Assert.That((after.OverdueCount, after.Items.Single().Id, after.Items.Single().Overdue), Is.EqualTo((0, request.Id, false)));
        var late = await ReadAsync(board, request.Id);
        Assert.That(late.AnsweredAt, Is.GreaterThan(late.DueAt), "answered, after the deadline");
    }

    private static string Name(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16];

    private static object Body() => new
    {
        description = "Arrest outside the station, complaint of force",
        purpose = "Complaint review 2026-117",
        officerId = ClipExportVideo.OfficerId,
        from = "2026-11-26T07:55:00Z",
        to = "2026-11-26T08:30:00Z",
        latitude = Latitude,
        longitude = Longitude,
        radiusMetres = 150,
    };

    private HttpClient Board(string board) => _api.ClientFor(Roles.OversightBoard, board);

    private HttpClient Custodian() => _api.ClientFor(Roles.Custodian, "cora");

    private async Task<FootageRequestView> AskAsync(string board, object? body = null) =>
        await (await Board(board).PostAsJsonAsync("/api/footage-requests", body ?? Body())).ReadAsync<FootageRequestView>(HttpStatusCode.Created);

    private async Task<FootageRequestView> ReadAsync(string board, Guid id) =>
        await (await Board(board).GetAsync($"/api/footage-requests/{id}")).ReadAsync<FootageRequestView>(HttpStatusCode.OK);

    private async Task<FootageCandidates> CandidatesAsync(Guid id) =>
        await (await Custodian().GetAsync($"/api/footage-requests/{id}/candidates")).ReadAsync<FootageCandidates>(HttpStatusCode.OK);

    /// <summary>The custody events that name the footage request, or a clip request released for it, in the log's order.</summary>
    private async Task<(CustodyAction Action, string ActorId, CustodyOutcome Outcome)[]> EventsAsync(Guid requestId)
    {
        await using var db = _api.OpenDb();
        var clips = await db.FootageRequestItems.Where(i => i.FootageRequestId == requestId && i.ClipRequestId != null).Select(i => i.ClipRequestId!.Value).ToListAsync();
        var events = await db.CustodyEvents.Where(e => e.Reason != null).OrderBy(e => e.Sequence).ToListAsync();
        return [.. events
            .Where(e => e.Reason!.Contains(requestId.ToString()) || clips.Any(c => e.Reason.StartsWith($"clip request {c}", StringComparison.Ordinal)))
            .Where(e => e.Action is not (CustodyAction.ClipCut or CustodyAction.ExportPackaged or CustodyAction.ExportDownloaded))
            .Select(e => (e.Action, e.ActorId, e.Outcome))];
    }

    private async Task<int> CountAsync(CustodyAction action, CustodyOutcome? outcome = null)
    {
        await using var db = _api.OpenDb();
        return await db.CustodyEvents.CountAsync(e => e.Action == action && (outcome == null || e.Outcome == outcome));
    }
}
