using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using BodyCam.Evidence.Domain.Cases;
using BodyCam.Evidence.Domain.Categories;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Recordings;
using BodyCam.Evidence.Domain.Review;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using GnssPoint = BodyCam.Evidence.Domain.Recordings.GnssPoint;
using Recording = BodyCam.Evidence.Domain.Recordings.Recording;
using BodyCam.Evidence.Tests.Support;

namespace BodyCam.Evidence.Tests.Features.Evidence;

/// <summary>
/// GET /api/evidence. Most items are stored straight through the database, each test in a unit, with an officer and
/// words of its own, so that tests sharing the fixture's database cannot find each other's items; two tests arrive
/// through tus and Axis to show that what ingestion stores is what search reads.
/// </summary>
public sealed class EvidenceSearchTests(ApiProfile profile) : ApiTests(profile)
{
    private static readonly DateTimeOffset Morning = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Each_filter_narrows_to_the_items_that_match_it()
    {
        var unit = Unique("unit");
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        var category = Unique("cat");
        var caseNumber = Unique("case");
        var annFirst = await SeedAsync(new(ann, unit, Morning, Morning.AddMinutes(10), Device: "X60-A"));
        var annQuarantined = await SeedAsync(new(ann, unit, Morning.AddHours(1), Morning.AddHours(1).AddMinutes(5), Device: "X60-A", Outcome: Outcome.Quarantined));
        var bobReceived = await SeedAsync(new(bob, unit, Morning.AddHours(2), null, Device: "X60-B", Outcome: Outcome.Received));
        await CategoriseAsync(annFirst, category);
        await CategoriseAsync(bobReceived, category);
        await LinkAsync(annQuarantined, caseNumber);

        Assert.That(await FindAllAsync($"unit={unit}"), Is.EqualTo(new[] { bobReceived, annQuarantined, annFirst }), "newest recording first");
        Assert.That(await FindAllAsync($"unit={unit}&officerId={ann}"), Is.EqualTo(new[] { annQuarantined, annFirst }));
        Assert.That(await FindAllAsync($"officerId={bob}"), Is.EqualTo(new[] { bobReceived }));
        Assert.That(await FindAllAsync($"unit={unit}&deviceSerial=X60-B"), Is.EqualTo(new[] { bobReceived }));
        Assert.That(await FindAllAsync($"category={category}"), Is.EqualTo(new[] { bobReceived, annFirst }));
        Assert.That(await FindAllAsync($"caseNumber={caseNumber}"), Is.EqualTo(new[] { annQuarantined }));
        Assert.That(await FindAllAsync($"unit={unit}&status=verified"), Is.EqualTo(new[] { annFirst }));
        Assert.That(await FindAllAsync($"unit={unit}&status=Quarantined"), Is.EqualTo(new[] { annQuarantined }));
        Assert.That(await FindAllAsync($"unit={unit}&status=RECEIVED"), Is.EqualTo(new[] { bobReceived }));
        Assert.That(await FindAllAsync($"officerId={ann}&category={category}"), Is.EqualTo(new[] { annFirst }), "filters combine");
        Assert.That(await FindAllAsync($"officerId={ann}&status=Received"), Is.Empty);
        Assert.That(await FindAllAsync($"unit={unit}&officerId={bob}&deviceSerial=X60-A"), Is.Empty);
    }

    [Test]
    public async Task A_summary_carries_what_a_list_shows()
    {
        var unit = Unique("unit");
        var officer = Unique("officer");
        var category = Unique("cat");
        var item = await SeedAsync(new(officer, unit, Morning, Morning.AddMinutes(3), FileName: "20260302_080000_X60-7.mp4", Device: "X60-7"));
        await CategoriseAsync(item, category);

        var summary = (await SearchAsync($"unit={unit}")).Items.Single();

        Assert.That(
            (summary.Id, summary.Status, summary.FileName, summary.ContentType, summary.OfficerId, summary.OfficerUnit, summary.DeviceSerial),
            Is.EqualTo((item, "Verified", "20260302_080000_X60-7.mp4", "video/mp4", officer, unit, "X60-7")));
        Assert.That(
            (summary.RecordedStart, summary.RecordedEnd, summary.RecordedAt, summary.Bytes, summary.StreamSha256),
            Is.EqualTo(((DateTimeOffset?)Morning, (DateTimeOffset?)Morning.AddMinutes(3), Morning, 1234L, Sha256Of(item))));
        Assert.That(summary.Categories, Is.EqualTo(new[] { category }));
    }

    [Test]
    public async Task A_time_range_finds_the_items_whose_recording_overlaps_it_ends_included()
    {
        var unit = Unique("unit");
        var officer = Unique("officer");
        var span = await SeedAsync(new(officer, unit, Morning, Morning.AddMinutes(10)));
        var instant = await SeedAsync(new(officer, unit, Morning.AddHours(1), null));
        var receivedAt = Morning.AddHours(5);
        var undated = await SeedAsync(new(officer, unit, null, null, ReceivedAt: receivedAt));

        Assert.That(await FindAllAsync($"unit={unit}&from={Iso(Morning.AddMinutes(4))}&to={Iso(Morning.AddMinutes(5))}"), Is.EqualTo(new[] { span }), "inside the span");
        Assert.That(await FindAllAsync($"unit={unit}&from={Iso(Morning.AddMinutes(10))}&to={Iso(Morning.AddHours(1))}"), Is.EqualTo(new[] { instant, span }), "both ends touch");
        Assert.That(await FindAllAsync($"unit={unit}&from={Iso(Morning.AddMinutes(10).AddSeconds(1))}&to={Iso(Morning.AddHours(1).AddSeconds(-1))}"), Is.Empty);
        Assert.That(await FindAllAsync($"unit={unit}&to={Iso(Morning.AddMinutes(59))}"), Is.EqualTo(new[] { span }));
        Assert.That(await FindAllAsync($"unit={unit}&from={Iso(Morning.AddMinutes(11))}"), Is.EqualTo(new[] { undated, instant }));
        Assert.That(
            await FindAllAsync($"unit={unit}&from={Iso(receivedAt)}&to={Iso(receivedAt)}"), Is.EqualTo(new[] { undated }),
            "without a recorded start, the time received stands for it");
        Assert.That(
            await FindAllAsync($"unit={unit}&from={Uri.EscapeDataString(Morning.ToOffset(TimeSpan.FromHours(2)).AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))}&to={Iso(Morning.AddMinutes(2))}"),
            Is.EqualTo(new[] { span }), "an offset is honoured");
    }

    [Test]
    public async Task Text_finds_words_in_file_names_notes_bookmarks_categories_and_case_titles()
    {
        var unit = Unique("unit");
        var officer = Unique("officer");
        var words = Enumerable.Range(0, 7).Select(_ => Word()).ToArray();
        var recordingId = await SeedRecordingAsync(track: []);
        var named = await SeedAsync(new(officer, unit, Morning, null, FileName: $"bodycam_{words[0]}-0001.MP4"));
        var noted = await SeedAsync(new(officer, unit, Morning.AddMinutes(1), null));
        var reviewed = await SeedAsync(new(officer, unit, Morning.AddMinutes(2), null));
        var tagged = await SeedAsync(new(officer, unit, Morning.AddMinutes(3), null));
        var axisBookmarked = await SeedAsync(new(officer, unit, Morning.AddMinutes(4), null, RecordingId: recordingId));
        var categorised = await SeedAsync(new(officer, unit, Morning.AddMinutes(5), null));
        var inCase = await SeedAsync(new(officer, unit, Morning.AddMinutes(6), null));
        var category = Unique("cat");
        var caseNumber = Unique("case");
        await using (var db = Api.OpenDb())
        {
            db.EvidenceNotes.Add(EvidenceNote.Add(noted, $"Subject left by the {words[1].ToUpperInvariant()} entrance.", "sam", Morning));
            db.EvidenceBookmarks.Add(EvidenceBookmark.Mark(reviewed, 12, 20, $"Door opened ({words[2]})", null, "sam", Morning));
            db.EvidenceBookmarks.Add(EvidenceBookmark.Mark(tagged, 1, null, "Arrival", $"[\"vehicle\",\"{words[3]}\"]", "sam", Morning));
            db.Bookmarks.Add(Bookmark.Mark(Guid.NewGuid(), recordingId, "bookmark_1", $"Shouting near {words[4]}", null, null, null, null, null));
            var known = Category.Create(category);
            known.Describe($"Pursuit {words[5]}", 365, true, Morning);
            db.Categories.Add(known);
            db.EvidenceCategories.Add(EvidenceCategory.Assign(categorised, category, "sam", Morning));
            var @case = Case.Open(caseNumber, $"Burglary at {words[6]} Road", "sam", Morning);
            db.Cases.Add(@case);
            db.CaseLinks.Add(CaseLink.Link(inCase, caseNumber, "sam", Morning));
            await db.SaveChangesAsync();
        }

        var found = new List<Guid[]>();
        foreach (var word in words)
        {
            found.Add(await FindAllAsync($"unit={unit}&text={word}"));
        }

        Assert.That(found, Is.EqualTo(new[]
        {
            new[] { named }, [noted], [reviewed], [tagged], [axisBookmarked], [categorised], [inCase],
        }));
        Assert.That(await FindAllAsync($"unit={unit}&text={category}"), Is.EqualTo(new[] { categorised }), "a category's id is text too");
        Assert.That(await FindAllAsync($"unit={unit}&text={Word()}"), Is.Empty);
    }

    [Test]
    public async Task Every_word_of_the_text_must_begin_a_word_the_item_carries_anywhere()
    {
        var unit = Unique("unit");
        var officer = Unique("officer");
        var (street, surname) = (Word(), Word());
        var both = await SeedAsync(new(officer, unit, Morning, null, FileName: $"{street}.mp4"));
        var streetOnly = await SeedAsync(new(officer, unit, Morning.AddMinutes(1), null, FileName: $"{street}.mp4"));
        await using (var db = Api.OpenDb())
        {
            db.EvidenceNotes.Add(EvidenceNote.Add(both, $"Spoke with Mr {surname}, ÉTÉ résident.", "sam", Morning));
            await db.SaveChangesAsync();
        }

        Assert.That(await FindAllAsync($"unit={unit}&text={street}"), Is.EqualTo(new[] { streetOnly, both }));
        Assert.That(await FindAllAsync($"unit={unit}&text={Uri.EscapeDataString($"{street.ToUpperInvariant()}, {surname}!")}"), Is.EqualTo(new[] { both }));
        Assert.That(await FindAllAsync($"unit={unit}&text={surname[..5]}"), Is.EqualTo(new[] { both }), "the beginning of a word is enough");
        Assert.That(await FindAllAsync($"unit={unit}&text={Uri.EscapeDataString("résident")}"), Is.EqualTo(new[] { both }));
        Assert.That(await FindAllAsync($"unit={unit}&text={street}+{Word()}"), Is.Empty);
    }

    [Test]
    public async Task A_word_matching_more_items_than_are_read_ahead_still_lists_them_newest_first()
    {
        var unit = Unique("unit");
        var (officer, colleague) = (Unique("officer"), Unique("officer"));
        var word = Word();
        var seeded = new List<Guid>();
        await using (var db = Api.OpenDb())
        {
            for (var i = 0; i <= GetEvidenceItemsHandler.CandidateLimit; i++)
            {
                var item = Item(new(i % 100 == 0 ? officer : colleague, unit, Morning.AddSeconds(i), null));
                db.EvidenceItems.Add(item);
                db.EvidenceNotes.Add(EvidenceNote.Add(item.Id, $"Seen near {word} park", "sam", Morning));
                seeded.Add(item.Id);
            }
            await db.SaveChangesAsync();
            if (db.Database.IsNpgsql())
            {
                // As autovacuum would after such a load: without statistics PostgreSQL takes 5,000 rows for a handful
                // and checks every item against every match, for half a minute.
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }
        }
        seeded.Reverse();

        var first = await SearchAsync($"unit={unit}&text={word}&limit=200");
        var second = await SearchAsync($"unit={unit}&text={word}&limit=200&cursor={first.NextCursor}");
        var officers = await FindAllAsync($"text={word}&officerId={officer}");

        Assert.That(first.Items.Concat(second.Items).Select(i => i.Id), Is.EqualTo(seeded.Take(400)));
        Assert.That(officers, Is.EqualTo(seeded.Where((_, i) => (GetEvidenceItemsHandler.CandidateLimit - i) % 100 == 0)));
    }

    [Test]
    public async Task An_area_finds_the_items_whose_track_has_a_point_inside_it_not_only_a_box_around_it()
    {
        var unit = Unique("unit");
        var officer = Unique("officer");
        // Somewhere of this test's own, so that no other test's track is near.
        var (lon, lat) = (Random.Shared.Next(-170_000, 170_000) / 1000.0, Random.Shared.Next(-80_000, 80_000) / 1000.0);
        var through = await SeedRecordingAsync([(lon - 0.01, lat), (lon, lat + 0.0001), (lon + 0.01, lat)]);
        var around = await SeedRecordingAsync([(lon - 0.01, lat - 0.01), (lon - 0.01, lat + 0.01), (lon + 0.01, lat + 0.01)]);
        var far = await SeedRecordingAsync([(lon + 1, lat + 1), (lon + 1.001, lat + 1)]);
        var untracked = await SeedRecordingAsync([]);
        var inside = await SeedAsync(new(officer, unit, Morning, null, RecordingId: through));
        var secondClipInside = await SeedAsync(new(officer, unit, Morning.AddMinutes(2), null, RecordingId: through));
        await SeedAsync(new(officer, unit, Morning.AddMinutes(1), null, RecordingId: around));
        await SeedAsync(new(officer, unit, Morning.AddMinutes(3), null, RecordingId: far));
        await SeedAsync(new(officer, unit, Morning.AddMinutes(4), null, RecordingId: untracked));
        await SeedAsync(new(officer, unit, Morning.AddMinutes(5), null));

        var box = Box(lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001);
        var edge = Box(lon, lat + 0.0001, lon + 0.005, lat + 0.005);

        Assert.That(await FindAllAsync($"unit={unit}&bbox={box}"), Is.EqualTo(new[] { secondClipInside, inside }));
        Assert.That(await FindAllAsync($"unit={unit}&bbox={edge}"), Is.EqualTo(new[] { secondClipInside, inside }), "a point on the edge is inside");
        Assert.That(await FindAllAsync($"unit={unit}&bbox={Box(lon + 0.02, lat - 0.5, lon + 0.5, lat + 0.5)}"), Is.Empty);
    }

    [Test]
    public async Task Paging_with_a_small_limit_walks_every_item_once_newest_first()
    {
        var unit = Unique("unit");
        var officer = Unique("officer");
        var seeded = new List<(Guid Id, DateTimeOffset At)>();
        foreach (var minutes in new[] { 0, 5, 5, 5, 9, 12, 12 })
        {
            seeded.Add((await SeedAsync(new(officer, unit, Morning.AddMinutes(minutes), null)), Morning.AddMinutes(minutes)));
        }
        var undatedAt = Morning.AddMinutes(7);
        seeded.Add((await SeedAsync(new(officer, unit, null, null, ReceivedAt: undatedAt)), undatedAt));

        var pages = new List<Page>();
        string? cursor = null;
        do
        {
            var page = await SearchAsync($"unit={unit}&limit=3" + (cursor is null ? "" : $"&cursor={cursor}"));
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 10);

        // PostgreSQL's uuid order and SQLite's text order of the upper-case form are both the order of the hex digits.
        var expected = seeded.OrderByDescending(s => s.At).ThenByDescending(s => s.Id.ToString("D"), StringComparer.Ordinal).Select(s => s.Id);
        Assert.That(pages.Select(p => p.Items.Count), Is.EqualTo(new[] { 3, 3, 2 }));
        Assert.That(pages.SelectMany(p => p.Items).Select(i => i.Id), Is.EqualTo(expected));
        Assert.That(pages[^1].NextCursor, Is.Null);
        Assert.That((await SearchAsync($"unit={unit}&limit=8")).NextCursor, Is.Null, "a page that holds the rest has no next");
    }

    [Test]
    public async Task A_cursor_edited_or_from_another_search_is_refused_naming_cursor()
    {
        var unit = Unique("unit");
        var officer = Unique("officer");
        for (var i = 0; i < 3; i++)
        {
            await SeedAsync(new(officer, unit, Morning.AddMinutes(i), null));
        }
        var cursor = (await SearchAsync($"unit={unit}&limit=1")).NextCursor!;
        var edited = cursor[..10] + (cursor[10] == 'A' ? 'B' : 'A') + cursor[11..];

        foreach (var query in new[]
                 {
                     $"unit={unit}&limit=1&cursor={edited}", $"unit={unit}&status=Verified&limit=1&cursor={cursor}",
                     $"unit={unit}&limit=1&cursor=not-a-cursor", $"unit={unit}&limit=1&cursor={cursor}A",
                 })
        {
            var problem = await (await Custodian().GetAsync($"/api/evidence?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "cursor" }), query);
        }
        Assert.That((await SearchAsync($"unit={unit}&limit=1&cursor={cursor}")).Items, Has.Count.EqualTo(1), "the cursor itself still works");
    }

    [TestCase("status=Deleted", "status")]
    [TestCase("status=0", "status")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=201", "limit")]
    [TestCase("limit=ten", "limit")]
    [TestCase("from=yesterday", "from")]
    [TestCase("to=2026-03-02T08:00:00", "to")]
    [TestCase("from=2026-03-02T09:00:00Z&to=2026-03-02T08:00:00Z", "to")]
    [TestCase("text=%2B%2B%2B", "text")]
    [TestCase("text=a+b+c+d+e+f+g+h+i", "text")]
    [TestCase("bbox=1,2,3", "bbox")]
    [TestCase("bbox=1,2,3,4,5", "bbox")]
    [TestCase("bbox=a,b,c,d", "bbox")]
    [TestCase("bbox=-181,0,0,1", "bbox")]
    [TestCase("bbox=0,-91,1,0", "bbox")]
    [TestCase("bbox=2,0,1,1", "bbox")]
    [TestCase("bbox=0,1,1,0", "bbox")]
    [TestCase("bbox=NaN,0,1,1", "bbox")]
    public async Task A_malformed_parameter_is_refused_naming_it(string query, string field)
    {
        var problem = await (await Custodian().GetAsync($"/api/evidence?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { field }), problem.ToString());
    }

    [Test]
    public async Task An_officer_finds_only_their_own_recordings()
    {
        var unit = Unique("unit");
        var (officer, colleague) = (Unique("officer"), Unique("officer"));
        var own = await SeedAsync(new(officer, unit, Morning, null));
        await SeedAsync(new(colleague, unit, Morning.AddMinutes(1), null));

        var asOfficer = Api.ClientFor(Roles.Officer, officer, unit);
        var everything = await SearchAsync("", asOfficer);
        var colleagues = await SearchAsync($"officerId={colleague}", asOfficer);

        Assert.That(everything.Items.Select(i => i.Id), Is.EqualTo(new[] { own }));
        Assert.That(colleagues.Items, Is.Empty);
    }

    [Test]
    public async Task A_supervisor_finds_their_units_items_and_their_own_never_another_units()
    {
        var (north, south) = (Unique("north"), Unique("south"));
        var supervisor = Unique("sup");
        var northItem = await SeedAsync(new(Unique("officer"), north, Morning, null));
        var southItem = await SeedAsync(new(Unique("officer"), south, Morning.AddMinutes(1), null));
        var ownFromEarlierUnit = await SeedAsync(new(supervisor, south, Morning.AddMinutes(2), null));

        var asSupervisor = Api.ClientFor(Roles.Supervisor, supervisor, north);
        var visible = (await SearchAsync("limit=200", asSupervisor)).Items.Select(i => i.Id).ToList();
        var askedForSouth = await SearchAsync($"unit={south}", asSupervisor);

        Assert.That(visible, Does.Contain(northItem).And.Contain(ownFromEarlierUnit).And.Not.Contain(southItem));
        Assert.That(askedForSouth.Items.Select(i => i.Id), Is.EqualTo(new[] { ownFromEarlierUnit }));
        Assert.That((await SearchAsync($"unit={south}", Api.ClientFor(Roles.Supervisor, Unique("sup"), south))).Items.Select(i => i.Id),
            Is.EqualTo(new[] { ownFromEarlierUnit, southItem }));
    }

    [TestCase(Roles.OversightBoard)]
    [TestCase(Roles.Admin)]
    public async Task A_role_that_does_not_search_evidence_is_refused_with_a_custody_event(string role)
    {
        var caller = Unique("caller");

        var response = await Api.ClientFor(role, caller).GetAsync("/api/evidence?text=anything");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        await using var db = Api.OpenDb();
        var denial = await db.CustodyEvents.SingleAsync(e => e.ActorId == caller);
        Assert.That((denial.Action, denial.Outcome, denial.ActorRole), Is.EqualTo((CustodyAction.AccessDenied, CustodyOutcome.Denied, role)));
        Assert.That(denial.Reason, Does.Contain("GetEvidenceItems"));
    }

    [Test]
    public async Task An_uploaded_recording_is_found_by_its_officers_unit_device_and_file_name()
    {
        var officer = Unique("officer");
        var unit = Unique("unit");
        await (await Api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/officers/{officer}", new { name = "Search Officer", unit }))
            .AssertStatusAsync(HttpStatusCode.OK);
        var item = await Api.UploadVerifiedRecordingAsync(officer);

        var byUnit = await SearchAsync($"unit={unit}");
        var byEverything = await SearchAsync(
            $"unit={unit}&officerId={officer}&deviceSerial=X60-000001&status=Verified&text=clip&from=2026-11-26T08:04:00Z&to=2026-11-26T08:04:30Z");

        Assert.That(byUnit.Items.Select(i => (i.Id, i.OfficerUnit, i.Status)), Is.EqualTo(new[] { (item, (string?)unit, "Verified") }));
        Assert.That(byEverything.Items.Select(i => i.Id), Is.EqualTo(new[] { item }));
    }

    [Test]
    public async Task An_axis_recording_is_found_by_the_area_of_its_track_and_the_text_of_its_bookmark()
    {
        using var controller = await AxisSite.ConnectAsync(Api.ClientFor(Roles.Admin, "ada"), new Uri("http://localhost"), "Search", Api.CreateClient());
        await controller.AuthenticateAsync();
        var recording = AxisRecording.New();
        var officer = Unique("officer");
        var word = Word();
        var segment = recording.Segment(TimeSpan.Zero, TimeSpan.FromSeconds(2));
        var (trail, points) = recording.GnssTrail(0, 1, 2);
        await AxisSite.RegisterOfficerAndCameraAsync(controller, recording, "Search Officer", officer);
        await (await controller.PutContainerAsync(recording.ContainerName, recording.Metadata)).AssertStatusAsync(HttpStatusCode.Created);
        await (await controller.PutObjectAsync(recording.ContainerName, segment.Name, Encoding.UTF8.GetBytes("not a video"), segment.Metadata))
            .AssertStatusAsync(HttpStatusCode.Created);
        await (await controller.PutObjectAsync(recording.ContainerName, recording.GnssTrailName, trail, new Dictionary<string, string> { ["FileType"] = "json" }))
            .AssertStatusAsync(HttpStatusCode.Created);
        await (await controller.PutObjectAsync(
                recording.ContainerName, AxisRecording.BookmarkName(recording.TriggerOnTime, 1), Encoding.UTF8.GetBytes($"Suspect ran towards {word}")))
            .AssertStatusAsync(HttpStatusCode.Created);
        var (first, last) = (points[0], points[^1]);

        var inArea = await SearchAsync($"officerId={officer}&bbox={Box(first.Longitude - 0.00001, first.Latitude - 0.00001, first.Longitude + 0.00001, first.Latitude + 0.00001)}");
        var beyond = await SearchAsync($"officerId={officer}&bbox={Box(last.Longitude + 0.00005, last.Latitude, last.Longitude + 0.001, last.Latitude + 0.001)}");
        var byBookmark = await SearchAsync($"text={word}");

        Assert.That(inArea.Items.Select(i => (i.FileName, i.DeviceSerial)), Is.EqualTo(new[] { (segment.Name, (string?)recording.BwcSerial) }));
        Assert.That(beyond.Items, Is.Empty);
        Assert.That(byBookmark.Items.Select(i => i.Id), Is.EqualTo(inArea.Items.Select(i => i.Id)));
    }

    private enum Outcome
    {
        Verified,
        Received,
        Quarantined,
    }

    private sealed record Seed(
        string OfficerId,
        string? Unit,
        DateTimeOffset? Start,
        DateTimeOffset? End,
        string FileName = "segment.mp4",
        string Device = "X60-1",
        Outcome Outcome = Outcome.Verified,
        Guid? RecordingId = null,
        DateTimeOffset? ReceivedAt = null);

    private sealed record Page(List<Summary> Items, string? NextCursor);

    private sealed record Summary(
        Guid Id, string Status, string FileName, string ContentType, string? OfficerId, string? OfficerUnit, string? DeviceSerial,
        DateTimeOffset? RecordedStart, DateTimeOffset? RecordedEnd, DateTimeOffset RecordedAt, DateTimeOffset ReceivedAt, long Bytes,
        string StreamSha256, Guid? RecordingId, List<string> Categories);

    private async Task<Guid> SeedAsync(Seed seed)
    {
        var item = Item(seed);
        await using var db = Api.OpenDb();
        db.EvidenceItems.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    }

    private static EvidenceItem Item(Seed seed)
    {
        var id = Guid.NewGuid();
        var now = seed.ReceivedAt ?? Morning.AddDays(1);
        var sha256 = Sha256Of(id);
        var declared = seed.Outcome == Outcome.Quarantined ? new string('0', 64) : null;
        var item = EvidenceItem.Receive(
            id, new RecordingFacts(seed.FileName, "video/mp4", seed.Device, seed.OfficerId, seed.Start, seed.End, declared, null, null),
            $"evidence/{id:N}", 1234, sha256, Guid.NewGuid(), id.ToString("N"), seed.RecordingId, seed.Unit, now);
        if (seed.Outcome == Outcome.Verified)
        {
            item.RecordStoredHash(sha256, now);
        }
        return item;
    }

    private async Task<Guid> SeedRecordingAsync(IReadOnlyList<(double Longitude, double Latitude)> track)
    {
        await using var db = Api.OpenDb();
        var recording = Recording.Open(Guid.NewGuid(), Unique("container"), null, null, Morning, false, new Dictionary<string, string>(), Morning);
        var points = track.Select((p, i) => GnssPoint.At(recording.Id, i, p.Longitude, p.Latitude, i, null)).ToList();
        recording.BoundTrack(points);
        db.Recordings.Add(recording);
        db.GnssPoints.AddRange(points);
        await db.SaveChangesAsync();
        return recording.Id;
    }

    private async Task CategoriseAsync(Guid item, string category)
    {
        await using var db = Api.OpenDb();
        db.EvidenceCategories.Add(EvidenceCategory.Assign(item, category, "sam", Morning));
        await db.SaveChangesAsync();
    }

    private async Task LinkAsync(Guid item, string caseNumber)
    {
        await using var db = Api.OpenDb();
        db.Cases.Add(Case.Open(caseNumber, "A case", "sam", Morning));
        db.CaseLinks.Add(CaseLink.Link(item, caseNumber, "sam", Morning));
        await db.SaveChangesAsync();
    }

    private async Task<Guid[]> FindAllAsync(string query) => [.. (await SearchAsync(query + "&limit=200")).Items.Select(i => i.Id)];

    private async Task<Page> SearchAsync(string query, HttpClient? caller = null) =>
        await (await (caller ?? Custodian()).GetAsync($"/api/evidence?{query}")).ReadAsync<Page>(HttpStatusCode.OK);

    private HttpClient Custodian() => Api.ClientFor(Roles.Custodian, "carol");

    private static string Sha256Of(Guid id) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(id.ToByteArray()));

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>A word no other test uses: letters only, so that it is one word to every tokenizer.</summary>
    private static string Word() => "w" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + (Convert.ToInt32(c.ToString(), 16) % 26))));

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Box(double west, double south, double east, double north) =>
        string.Create(CultureInfo.InvariantCulture, $"{west:R},{south:R},{east:R},{north:R}");
}
