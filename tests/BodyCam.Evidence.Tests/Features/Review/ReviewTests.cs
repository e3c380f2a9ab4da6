using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using BodyCam.Evidence.Tests.Support;

namespace BodyCam.Evidence.Tests.Features.Review;

/// <summary>
/// Categories, notes, bookmarks and reviews, as officers, supervisors and custodians use them, and the evidence
/// detail that shows them.
/// </summary>
public sealed class ReviewTests(ApiProfile profile) : UnitScopedApiTests(profile)
{
    [Test]
    public async Task An_admin_creates_a_category_under_the_slug_of_its_name_and_a_second_of_that_name_gets_a_suffix()
    {
        var admin = Api.ClientFor(Roles.Admin, "ada");
        var word = NewId("Traffic");

        var first = await admin.PostAsJsonAsync("/api/categories", new { name = $"{word} Stop — Côte", retentionDays = (int?)null });
        var second = await admin.PostAsJsonAsync("/api/categories", new { name = $"{word} stop: côte", retentionDays = 30 });
        var blank = await admin.PostAsJsonAsync("/api/categories", new { name = "  ", retentionDays = 30 });
        var byOfficer = await Api.ClientFor(Roles.Officer, NewId("officer")).PostAsJsonAsync("/api/categories", new { name = "Mine", retentionDays = 30 });

        var slug = $"{word.ToLowerInvariant()}-stop-cote";
        var created = await first.ReadAsync<JsonElement>(HttpStatusCode.Created);
        Assert.That(first.Headers.Location?.ToString(), Is.EqualTo($"/api/categories/{slug}"));
        Assert.That(
            (Text(created, "id"), Text(created, "name"), created.GetProperty("retentionDays").ValueKind, created.GetProperty("active").GetBoolean()),
            Is.EqualTo((slug, $"{word} Stop — Côte", JsonValueKind.Null, true)));
        Assert.That(Text(await second.ReadAsync<JsonElement>(HttpStatusCode.Created), "id"), Is.EqualTo(slug + "-2"));
        await AssertNamesFieldAsync(blank, "name");
        await byOfficer.AssertProblemAsync(HttpStatusCode.Forbidden);
        var listed = await (await admin.GetAsync("/api/categories")).ReadAsync<JsonElement>(HttpStatusCode.OK);
        Assert.That(listed.EnumerateArray().Select(c => Text(c, "id")), Is.SupersetOf(new[] { slug, slug + "-2" }));
        await using var db = Api.OpenDb();
        Assert.That(
            await db.CustodyEvents.CountAsync(e => e.Action == CustodyAction.CategoryRecorded && e.Reason!.StartsWith($"category {slug} ")),
            Is.EqualTo(1));
    }

    [Test]
    public async Task An_officer_categorises_their_own_recording_and_the_change_is_a_custody_event_from_old_to_new()
    {
        var (officer, unit) = await NewOfficerAsync();
        var useOfForce = await CreateCategoryAsync("Use of force");
        var traffic = await CreateCategoryAsync("Traffic");
        using var dock = Api.DockClient(await Api.RegisterDockAsync());
        var item = await dock.UploadVerifiedRecordingAsync(officer, new Dictionary<string, string> { ["category"] = "camera-only" });

        var byOfficer = await Api.ClientFor(Roles.Officer, officer, unit)
            .PutAsJsonAsync($"/api/evidence/{item}/categories", new { categories = new[] { "camera-only", useOfForce, traffic } });
        var bySupervisor = await Api.ClientFor(Roles.Supervisor, NewId("sup"), unit)
            .PutAsJsonAsync($"/api/evidence/{item}/categories", new { categories = new[] { traffic } });

        var assigned = await byOfficer.ReadAsync<JsonElement>(HttpStatusCode.OK);
        Assert.That(
            assigned.GetProperty("categories").EnumerateArray().Select(c => (Text(c, "id"), Text(c, "name"), c.GetProperty("known").GetBoolean())),
            Is.EqualTo(new[] { ("camera-only", (string?)null, false), (traffic, "Traffic", true), (useOfForce, "Use of force", true) }.OrderBy(c => c.Item1, StringComparer.Ordinal)));
        await bySupervisor.ReadAsync<JsonElement>(HttpStatusCode.OK);
        var detail = await DetailAsync(item);
        Assert.That(detail.GetProperty("categories").EnumerateArray().Select(c => Text(c, "id")), Is.EqualTo(new[] { traffic }));
        var reasons = await ReasonsAsync(item, CustodyAction.CategoriesAssigned);
        Assert.That(reasons, Is.EqualTo(new[]
        {
            "categories (none) → camera-only; from the upload's metadata",
            Arrow(["camera-only"], ["camera-only", useOfForce, traffic]),
            Arrow(["camera-only", useOfForce, traffic], [traffic]),
        }));
    }

    [Test]
    public async Task Concurrent_category_changes_of_one_item_all_succeed_and_their_custody_events_chain_from_old_to_new()
    {
        var (officer, unit) = await NewOfficerAsync();
        var (a, b, c) = (await CreateCategoryAsync("Arrest"), await CreateCategoryAsync("Patrol"), await CreateCategoryAsync("Interview"));
        var item = await Api.UploadVerifiedRecordingAsync(officer);
        var supervisor = Api.ClientFor(Roles.Supervisor, NewId("sup"), unit);
        string[][] choices = [[a, b], [b, c]];

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            supervisor.PutAsJsonAsync($"/api/evidence/{item}/categories", new { categories = choices[i % 2] })));

        foreach (var response in responses)
        {
            await response.ReadAsync<JsonElement>(HttpStatusCode.OK);
        }
        var carried = (await DetailAsync(item)).GetProperty("categories").EnumerateArray().Select(c => Text(c, "id")!).ToArray();
        var reasons = await ReasonsAsync(item, CustodyAction.CategoriesAssigned);
        Assert.That(reasons, Has.Count.InRange(1, responses.Length));
        var carriedBefore = Array.Empty<string>();
        foreach (var reason in reasons)
        {
            carriedBefore = choices.Single(after => reason == Arrow(carriedBefore, after));
        }
        Assert.That(carried, Is.EquivalentTo(carriedBefore), "each change starts from the previous one's result and the last is what the item carries");
    }

    [Test]
    public async Task Categories_the_agency_does_not_offer_are_refused_naming_categories()
    {
        var (officer, unit) = await NewOfficerAsync();
        var retired = await CreateCategoryAsync("Retired");
        await (await Api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/categories/{retired}", new { name = "Retired", retentionDays = 30, active = false }))
            .ReadAsync<JsonElement>(HttpStatusCode.OK);
        var item = await Api.UploadVerifiedRecordingAsync(officer);
        var supervisor = Api.ClientFor(Roles.Supervisor, NewId("sup"), unit);

        var unknown = await supervisor.PutAsJsonAsync($"/api/evidence/{item}/categories", new { categories = new[] { "no-such-category" } });
        var inactive = await supervisor.PutAsJsonAsync($"/api/evidence/{item}/categories", new { categories = new[] { retired } });
        var missing = await supervisor.PutAsJsonAsync($"/api/evidence/{item}/categories", new { });

        var problem = await AssertNamesFieldAsync(unknown, "categories");
        Assert.That(problem.GetProperty("errors").GetProperty("categories")[0].GetString(), Does.Contain("no-such-category"));
        await AssertNamesFieldAsync(inactive, "categories");
        await AssertNamesFieldAsync(missing, "categories");
        Assert.That(await ReasonsAsync(item, CustodyAction.CategoriesAssigned), Is.Empty, "nothing was changed");
    }

    [Test]
    public async Task A_colleague_may_not_categorise_an_officers_recording_and_the_refusal_is_a_custody_event()
    {
        var (officer, unit) = await NewOfficerAsync();
        var (colleague, _) = await NewOfficerAsync(unit);
        var item = await Api.UploadVerifiedRecordingAsync(officer);

        var response = await Api.ClientFor(Roles.Officer, colleague, unit).PutAsJsonAsync($"/api/evidence/{item}/categories", new { categories = Array.Empty<string>() });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        await AssertDeniedAsync(item, colleague, "AssignCategories");
    }

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

    private static string Arrow(string[] before, string[] after) => $"categories {Listed(before)} → {Listed(after)}; assigned by hand";

    private static string Listed(string[] categories) => categories.Length == 0 ? "(none)" : string.Join(", ", categories.Order(StringComparer.Ordinal));

    private async Task<string> CreateCategoryAsync(string name)
    {
        var response = await Api.ClientFor(Roles.Admin, "ada").PostAsJsonAsync("/api/categories", new { name, retentionDays = 365 });
        return Text(await response.ReadAsync<JsonElement>(HttpStatusCode.Created), "id")!;
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
