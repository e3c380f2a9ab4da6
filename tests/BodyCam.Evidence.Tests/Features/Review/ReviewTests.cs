using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;

namespace BodyCam.Evidence.Tests.Features.Review;

/// <summary>
/// Notes, bookmarks and reviews, as officers, supervisors and custodians use them, and the evidence detail that shows
/// them beside the item's categories and cases.
/// </summary>
public sealed class ReviewTests(ApiProfile profile) : UnitScopedApiTests(profile)
{
    [Test]
    public async Task A_note_is_kept_as_written_and_bound_into_custody_by_its_hash()
    {
        var (officer, unit) = await NewOfficerAsync();
        var (colleague, _) = await NewOfficerAsync(unit);
        var item = await Api.UploadVerifiedRecordingAsync(officer);
        const string text = "Subject was calm.\nBody camera fell off at 02:10.";

        var added = await Api.ClientFor(Roles.Officer, officer, unit).PostAsJsonAsync($"/api/evidence/{item}/notes", new { text });
        var empty = await Api.ClientFor(Roles.Officer, officer, unit).PostAsJsonAsync($"/api/evidence/{item}/notes", new { text = " \n " });
        var byColleague = await Api.ClientFor(Roles.Officer, colleague, unit).PostAsJsonAsync($"/api/evidence/{item}/notes", new { text = "Not mine" });

        var note = await added.ReadAsync<JsonElement>(HttpStatusCode.Created);
        Assert.That((Text(note, "text"), Text(note, "author")), Is.EqualTo((text, officer)));
        await AssertNamesFieldAsync(empty, "text");
        await byColleague.AssertProblemAsync(HttpStatusCode.Forbidden);
        await AssertDeniedAsync(item, colleague, "AddNote");
        var detail = await DetailAsync(item);
        Assert.That(detail.GetProperty("notes").EnumerateArray().Select(n => (Text(n, "text"), Text(n, "author"))), Is.EqualTo(new[] { (text, officer) }));
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        Assert.That(await ReasonsAsync(item, CustodyAction.NoteAdded), Is.EqualTo(new[] { $"note {Text(note, "id")}, {text.Length} characters, text SHA-256 {sha}" }));
    }

    [Test]
    public async Task A_bookmark_must_lie_within_the_probed_media_and_end_after_it_starts()
    {
        var (officer, unit) = await NewOfficerAsync();
        using var dock = Api.DockClient(await Api.RegisterDockAsync());
        var video = await dock.UploadVerifiedRecordingAsync(officer, bytes: await AxisSite.VideoAsync("testsrc", 2));
        var text = await dock.UploadVerifiedRecordingAsync(officer);
        var probed = await ProbedAsync(video);
        var supervisor = Api.ClientFor(Roles.Supervisor, NewId("sup"), unit);

        var span = await supervisor.PostAsJsonAsync($"/api/evidence/{video}/bookmarks", new { startSeconds = 0.5, endSeconds = 1.5, label = "Door opens", tags = new[] { "entry", "door" } });
        var moment = await supervisor.PostAsJsonAsync($"/api/evidence/{video}/bookmarks", new { startSeconds = 0.25, label = "Start" });
        var startsAfter = await supervisor.PostAsJsonAsync($"/api/evidence/{video}/bookmarks", new { startSeconds = 3, label = "Too late" });
        var endsAfter = await supervisor.PostAsJsonAsync($"/api/evidence/{video}/bookmarks", new { startSeconds = 1, endSeconds = 5, label = "Too long" });
        var backwards = await supervisor.PostAsJsonAsync($"/api/evidence/{text}/bookmarks", new { startSeconds = 10, endSeconds = 10, label = "Empty span" });
        var unprobedLong = await supervisor.PostAsJsonAsync($"/api/evidence/{text}/bookmarks", new { startSeconds = 500, label = "No duration to check" });
        var noLabel = await supervisor.PostAsJsonAsync($"/api/evidence/{video}/bookmarks", new { startSeconds = 1 });
        var noStart = await supervisor.PostAsJsonAsync($"/api/evidence/{video}/bookmarks", new { label = "Nowhere" });
        var negative = await supervisor.PostAsJsonAsync($"/api/evidence/{video}/bookmarks", new { startSeconds = -1, label = "Before" });

        Assert.That(probed.GetProperty("media").GetProperty("durationSeconds").GetDouble(), Is.EqualTo(2).Within(0.2));
        var bookmark = await span.ReadAsync<JsonElement>(HttpStatusCode.Created);
        Assert.That(
            (bookmark.GetProperty("startSeconds").GetDouble(), bookmark.GetProperty("endSeconds").GetDouble(), Text(bookmark, "label")),
            Is.EqualTo((0.5, 1.5, "Door opens")));
        Assert.That(bookmark.GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "entry", "door" }));
        await moment.ReadAsync<JsonElement>(HttpStatusCode.Created);
        await AssertNamesFieldAsync(startsAfter, "startSeconds");
        await AssertNamesFieldAsync(endsAfter, "endSeconds");
        await AssertNamesFieldAsync(backwards, "endSeconds");
        await unprobedLong.ReadAsync<JsonElement>(HttpStatusCode.Created);
        await AssertNamesFieldAsync(noLabel, "label");
        await AssertNamesFieldAsync(noStart, "startSeconds");
        await AssertNamesFieldAsync(negative, "startSeconds");
        var detail = await DetailAsync(video);
        Assert.That(
            detail.GetProperty("bookmarks").EnumerateArray().Select(b => (Text(b, "label"), b.GetProperty("endSeconds").ValueKind == JsonValueKind.Null)),
            Is.EqualTo(new[] { ("Start", true), ("Door opens", false) }), "in media order");
        Assert.That(await ReasonsAsync(video, CustodyAction.BookmarkAdded), Has.Count.EqualTo(2).And.Some.StartWith($"bookmark {Text(bookmark, "id")} at 0.5-1.5 s, "));
    }

    [Test]
    public async Task A_supervisor_of_the_unit_reviews_an_item_but_not_their_own_recording()
    {
        var (officer, unit) = await NewOfficerAsync();
        var (supervisorId, _) = await NewOfficerAsync(unit);
        var item = await Api.UploadVerifiedRecordingAsync(officer);
        var own = await Api.UploadVerifiedRecordingAsync(supervisorId);
        var supervisor = Api.ClientFor(Roles.Supervisor, supervisorId, unit);
        var otherSupervisor = NewId("sup");

        var reviewed = await supervisor.PostAsJsonAsync($"/api/evidence/{item}/reviews", new { outcome = "TrainingNeeded", comment = "Announce the recording earlier." });
        var ownReview = await supervisor.PostAsJsonAsync($"/api/evidence/{own}/reviews", new { outcome = "NoConcern" });
        var badOutcome = await supervisor.PostAsJsonAsync($"/api/evidence/{item}/reviews", new { outcome = "Great" });
        var numericOutcome = await supervisor.PostAsJsonAsync($"/api/evidence/{item}/reviews", new { outcome = "1" });
        var byCustodian = await Api.ClientFor(Roles.Custodian, "carol").PostAsJsonAsync($"/api/evidence/{item}/reviews", new { outcome = "NoConcern" });
        var byOtherUnit = await Api.ClientFor(Roles.Supervisor, otherSupervisor, NewId("Unit")).PostAsJsonAsync($"/api/evidence/{item}/reviews", new { outcome = "NoConcern" });

        var review = await reviewed.ReadAsync<JsonElement>(HttpStatusCode.Created);
        Assert.That((Text(review, "outcome"), Text(review, "comment"), Text(review, "reviewer")), Is.EqualTo(("TrainingNeeded", "Announce the recording earlier.", supervisorId)));
        await ownReview.AssertProblemAsync(HttpStatusCode.Forbidden);
        await AssertDeniedAsync(own, supervisorId, "own recording");
        await AssertNamesFieldAsync(badOutcome, "outcome");
        await AssertNamesFieldAsync(numericOutcome, "outcome");
        await byCustodian.AssertProblemAsync(HttpStatusCode.Forbidden);
        await byOtherUnit.AssertProblemAsync(HttpStatusCode.Forbidden);
        await AssertDeniedAsync(item, otherSupervisor, "RecordReview");
        Assert.That((await DetailAsync(item)).GetProperty("reviews").EnumerateArray().Select(r => (Text(r, "outcome"), Text(r, "reviewer"))),
            Is.EqualTo(new[] { ("TrainingNeeded", supervisorId) }));
        Assert.That(await ReasonsAsync(item, CustodyAction.Reviewed), Has.Count.EqualTo(1).And.All.Contains(": TrainingNeeded, comment SHA-256 "));
        Assert.That(await ReasonsAsync(own, CustodyAction.Reviewed), Is.Empty);
    }

    [Test]
    public async Task The_evidence_detail_shows_categories_cases_notes_bookmarks_reviews_and_where_to_play_it()
    {
        var (officer, unit) = await NewOfficerAsync();
        var category = await CreateCategoryAsync("Domestic");
        var item = await Api.UploadVerifiedRecordingAsync(officer);
        var supervisorId = NewId("sup");
        var supervisor = Api.ClientFor(Roles.Supervisor, supervisorId, unit);
        var caseNumber = NewId("CASE");
        await (await supervisor.PutAsJsonAsync($"/api/evidence/{item}/categories", new { categories = new[] { category } })).ReadAsync<JsonElement>(HttpStatusCode.OK);
        await (await supervisor.PutAsJsonAsync($"/api/cases/{caseNumber}", new { title = "Domestic call" })).ReadAsync<JsonElement>(HttpStatusCode.OK);
        await (await supervisor.PostAsJsonAsync($"/api/evidence/{item}/cases", new { caseNumber })).ReadAsync<JsonElement>(HttpStatusCode.Created);
        await (await supervisor.PostAsJsonAsync($"/api/evidence/{item}/notes", new { text = "Reviewed with the officer." })).ReadAsync<JsonElement>(HttpStatusCode.Created);
        await (await supervisor.PostAsJsonAsync($"/api/evidence/{item}/bookmarks", new { startSeconds = 4, label = "Arrival" })).ReadAsync<JsonElement>(HttpStatusCode.Created);
        await (await supervisor.PostAsJsonAsync($"/api/evidence/{item}/reviews", new { outcome = "Commendation" })).ReadAsync<JsonElement>(HttpStatusCode.Created);

        var detail = await (await Api.ClientFor(Roles.Officer, officer, unit).GetAsync($"/api/evidence/{item}")).ReadAsync<JsonElement>(HttpStatusCode.OK);

        Assert.That(detail.GetProperty("categories").EnumerateArray().Select(c => (Text(c, "id"), Text(c, "name"), c.GetProperty("known").GetBoolean())),
            Is.EqualTo(new[] { (category, "Domestic", true) }));
        Assert.That(detail.GetProperty("cases").EnumerateArray().Select(c => (Text(c, "caseNumber"), Text(c, "title"), Text(c, "status"), Text(c, "linkedBy"))),
            Is.EqualTo(new[] { (caseNumber, "Domestic call", "Open", supervisorId) }));
        Assert.That(detail.GetProperty("notes").EnumerateArray().Select(n => (Text(n, "text"), Text(n, "author"))),
            Is.EqualTo(new[] { ("Reviewed with the officer.", supervisorId) }));
        Assert.That(detail.GetProperty("bookmarks").EnumerateArray().Select(b => (b.GetProperty("startSeconds").GetDouble(), Text(b, "label"), Text(b, "author"))),
            Is.EqualTo(new[] { (4.0, "Arrival", supervisorId) }));
        Assert.That(detail.GetProperty("reviews").EnumerateArray().Select(r => (Text(r, "outcome"), Text(r, "reviewer"))), Is.EqualTo(new[] { ("Commendation", supervisorId) }));
        Assert.That(detail.GetProperty("recordingBookmarks").GetArrayLength(), Is.Zero, "a tus upload belongs to no recording");
        Assert.That(detail.GetProperty("gnssTrack").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(Text(detail, "contentUrl"), Is.EqualTo($"/api/evidence/{item}/content"));
        Assert.That(
            (detail.GetProperty("hasPoster").GetBoolean(), detail.GetProperty("posterUrl").ValueKind),
            Is.EqualTo((false, JsonValueKind.Null)), "text is no video: no poster to point at");
    }

    [Test]
    public async Task A_probed_video_points_at_its_poster()
    {
        var (officer, _) = await NewOfficerAsync();
        using var dock = Api.DockClient(await Api.RegisterDockAsync());
        var video = await dock.UploadVerifiedRecordingAsync(officer, bytes: await AxisSite.VideoAsync("testsrc2", 1));

        var detail = await ProbedAsync(video);

        Assert.That(
            (detail.GetProperty("hasPoster").GetBoolean(), Text(detail, "posterUrl")),
            Is.EqualTo((true, $"/api/evidence/{video}/poster")));
    }

    /// <summary>Reads the item until its probe has run (or 60 s pass).</summary>
    private async Task<JsonElement> ProbedAsync(Guid item)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var detail = await DetailAsync(item);
            if (Text(detail, "probeStatus") != "Pending" || DateTime.UtcNow > deadline)
            {
                Assert.That(Text(detail, "probeStatus"), Is.EqualTo("Probed"));
                return detail;
            }
            await Task.Delay(200);
        }
    }
}
