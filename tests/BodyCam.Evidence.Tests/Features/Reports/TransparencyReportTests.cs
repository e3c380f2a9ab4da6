using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Features.Disposition;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.VisualBasic.FileIO;

namespace BodyCam.Evidence.Tests.Features.Reports;

/// <summary>
/// The transparency report over a known history on a server of its own, with the public pages on. Eight recordings
/// arrive, each ending a known time before it is sent (10 minutes, 1, 2, 3, 4 and 5 hours, 30 hours, 10 days): six
/// readable videos, one that no media tool reads and one whose declared hash differs from its bytes. Four get a
/// category, a hold keeps two, and a year later one is purged. A board asks for the footage of two incidents; one is
/// answered three days later, the other never. Each delay is measured late by at most the seconds its
/// upload took.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class TransparencyReportTests(ApiProfile profile)
{
    private const double Hour = 3600;
    private const double UploadSeconds = 60;
    private const string Officer = "report-officer";

    private readonly List<Guid> _videos = [];
    private Guid _unreadable;
    private Guid _quarantined;
    private DateTimeOffset _seededAt;

    private EvidenceApiFactory Api { get; set; } = null!;

    private MovableClock Clock { get; } = new();

    [OneTimeSetUp]
    public async Task StartServerWithHistory()
    {
        Api = await EvidenceApiFactory.StartAsync(profile, overNetwork: false, services => services.AddSingleton<TimeProvider>(Clock),
            ("Retention:DefaultDays", "180"), ("Retention:SoftDeleteDays", "30"), ("Public:Enabled", "true"));
        (await Api.ClientFor(Roles.Admin, "ada").PostAsJsonAsync("/api/categories", new { name = "Traffic", retentionDays = 3650 })).EnsureSuccessStatusCode();
        var video = Path.Combine(Api.DataRoot, "report.mp4");
        await LocalServices.RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=10",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", video);
        var videoBytes = await File.ReadAllBytesAsync(video);
        using var dock = Api.DockClient(await Api.RegisterDockAsync());
        _seededAt = Clock.GetUtcNow();
        foreach (var delay in new[] { TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(30), TimeSpan.FromDays(10) })
        {
            _videos.Add(await dock.UploadVerifiedRecordingAsync(Officer, Ended(delay), videoBytes));
        }
        _unreadable = await dock.UploadVerifiedRecordingAsync(Officer, Ended(TimeSpan.FromHours(3)), Encoding.UTF8.GetBytes("no video here"));
        _quarantined = await UploadQuarantinedAsync(dock, videoBytes, Ended(TimeSpan.FromHours(4)));
        foreach (var item in _videos.Append(_unreadable))
        {
            Assert.That(await ClipExportVideo.WaitUntilProbedAsync(Api, item), Is.EqualTo(item == _unreadable ? ProbeStatus.Unreadable : ProbeStatus.Probed));
        }

        var custodian = Api.ClientFor(Roles.Custodian, "carol");
        foreach (var item in _videos.Take(4))
        {
            (await custodian.PutAsJsonAsync($"/api/evidence/{item}/categories", new { categories = new[] { "traffic" } })).EnsureSuccessStatusCode();
        }
        (await custodian.PostAsJsonAsync("/api/legal-holds", new { reason = "Complaint 12", matter = "Doe v. City", evidenceIds = _videos.Take(2) })).EnsureSuccessStatusCode();

        var answered = await AskFootageAsync();
        await AskFootageAsync();
        Clock.Advance(TimeSpan.FromDays(3));
        (await Api.ClientFor(Roles.Custodian, "carol").PostAsJsonAsync($"/api/footage-requests/{answered}/none-found", new { reason = "No camera was there" })).EnsureSuccessStatusCode();

        Clock.Advance(TimeSpan.FromDays(365));
        var requested = await Api.ClientFor(Roles.Custodian, "carol").PostAsJsonAsync($"/api/evidence/{_videos[^1]}/disposition-requests", new { reason = "Retention ended" });
        var request = (await requested.ReadAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        (await Api.ClientFor(Roles.Custodian, "dave").PostAsync($"/api/disposition-requests/{request}/approve", null)).EnsureSuccessStatusCode();
        Clock.Advance(TimeSpan.FromDays(31));
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            Assert.That(await scope.ServiceProvider.GetRequiredService<PurgeDisposedJob>().RunAsync(CancellationToken.None), Is.Not.Null);
        }
        await Api.WaitForCheckpointAsync();
    }

    [OneTimeTearDown]
    public async Task StopServer() => await Api.DisposeAsync();

    [Test]
    public async Task The_figures_count_the_seeded_history_exactly()
    {
        var report = await GetAsync(Period(TimeSpan.FromDays(400)));

        Assert.That(Figure(report, "received"), Is.EqualTo(8));
        Assert.That(Figure(report, "upload-delays-measured"), Is.EqualTo(8));
        Assert.That(Figure(report, "upload-delay-median"), Is.InRange(3.5 * Hour, (3.5 * Hour) + UploadSeconds), "the middle of 3 h and 4 h");
        Assert.That(Figure(report, "upload-delay-p95"), Is.InRange(166.5 * Hour, (166.5 * Hour) + UploadSeconds), "30 h + 0.65 of the way to 240 h");
        Assert.That(Bands(report, "upload-delay-bands"), Is.EqualTo(new[] { 1, 5, 0, 1, 0, 1 }));
        Assert.That(Figure(report, "uncategorised"), Is.EqualTo(4), "the 30-hour and 10-day videos, the unreadable and the quarantined recording");
        Assert.That((Figure(report, "quarantined"), Figure(report, "unreadable")), Is.EqualTo((1, 1)));
        Assert.That((Figure(report, "purged"), Figure(report, "holds-placed"), Figure(report, "holds-in-force"), Figure(report, "recordings-held")),
            Is.EqualTo((1, 1, 1, 2)));
        Assert.That((Figure(report, "requests-received"), Figure(report, "requests-answered"), Figure(report, "requests-answered-late"),
            Figure(report, "requests-overdue")), Is.EqualTo((2, 1, 0, 1)));
        Assert.That(Figure(report, "days-to-answer-median"), Is.EqualTo(3).Within(0.01), "answered three days after it was asked");
        Assert.That(Bands(report, "days-to-answer-bands"), Is.EqualTo(new[] { 1, 0, 0, 0 }));
        Assert.That(report.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("figures").EnumerateArray())
            .Select(f => f.GetProperty("definition").GetString()), Has.All.Length.GreaterThan(40), "every figure says what it counts");
    }

    [Test]
    public async Task A_period_counts_only_the_events_stamped_within_it()
    {
        var firstDay = await GetAsync(Period(TimeSpan.FromDays(1)));
        var later = await GetAsync($"from={Iso(_seededAt.AddDays(1))}&to={Iso(_seededAt.AddDays(400))}");

        Assert.That((Figure(firstDay, "received"), Figure(firstDay, "purged"), Figure(firstDay, "holds-placed"), Figure(firstDay, "recordings-held")),
            Is.EqualTo((8, 0, 1, 2)), "the purge came a year later");
        Assert.That((Figure(later, "received"), Figure(later, "purged"), Figure(later, "holds-placed"), Figure(later, "upload-delay-median")),
            Is.EqualTo((0, 1, 0, (double?)null)));
    }

    [Test]
    public async Task The_report_names_the_checkpoint_the_ledger_serves_and_an_auditor_recounts_its_figures_from_the_entries_it_covers()
    {
        await Api.WaitForCheckpointAsync();
        using var anyone = Api.CreateClient();
        var served = await anyone.GetStringAsync("/api/ledger/checkpoint");
        var report = await GetAsync(Period(TimeSpan.FromDays(400)));

        var named = report.GetProperty("checkpoint");
        var checkpoint = Checkpoint.Verify(served, await Api.VerifierKeyAsync())!;
        Assert.That(named.GetProperty("signedNote").GetString(), Is.EqualTo(served));
        Assert.That((named.GetProperty("treeSize").GetInt64(), named.GetProperty("rootHash").GetString()),
            Is.EqualTo((checkpoint.TreeSize, Convert.ToBase64String(checkpoint.RootHash))));
        Assert.That(named.GetProperty("signedNoteSha256").GetString(),
            Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(served)))));

        var entries = (await (await Auditor.GetAsync($"/api/ledger/entries?start=0&count={checkpoint.TreeSize}")).ReadAsync<JsonElement>(HttpStatusCode.OK))
            .EnumerateArray().Select(e => e.GetProperty("decoded"))
            .Where(e => DateTimeOffset.Parse(e.GetProperty("time").GetString()!, CultureInfo.InvariantCulture) is var time
                && time >= _seededAt.AddDays(-1) && time < _seededAt.AddDays(400))
            .Select(e => (Action: e.GetProperty("action").GetString(), Outcome: e.GetProperty("outcome").GetString(),
                Item: e.TryGetProperty("evidenceId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null))
            .ToList();
        Assert.That(entries, Has.Count.GreaterThan(20));
        Assert.That(Figure(report, "received"), Is.EqualTo(entries.Count(e => e.Action == "Received")));
        Assert.That(Figure(report, "quarantined"), Is.EqualTo(entries.Where(e => e.Action is "Quarantined" or "FixityFailed").Select(e => e.Item).Distinct().Count()));
        Assert.That(Figure(report, "unreadable"), Is.EqualTo(entries.Count(e => e.Action == "MediaProbed" && e.Outcome == "Failed")));
        Assert.That(Figure(report, "purged"), Is.EqualTo(entries.Count(e => e.Action == "Purged")));
        Assert.That(Figure(report, "holds-placed"), Is.EqualTo(entries.Count(e => e.Action == "LegalHoldPlaced" && e.Item is null)));
    }

    [Test]
    public async Task The_CSV_parses_as_one_row_per_figure_and_band_and_agrees_with_the_JSON()
    {
        var period = Period(TimeSpan.FromDays(400));
        var json = await GetAsync(period);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/transparency?{period}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await Auditor.SendAsync(request);

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        var rows = ParseCsv(await response.Content.ReadAsStringAsync());
        Assert.That(rows[0], Is.EqualTo(new[] { "periodFrom", "periodTo", "checkpointTreeSize", "section", "figure", "name", "value", "unit", "definition" }));
        var expected = json.GetProperty("sections").EnumerateArray().SelectMany(section =>
            section.GetProperty("figures").EnumerateArray()
                .Select(f => (Section: section.GetProperty("id").GetString(), Figure: f.GetProperty("id").GetString()!, Value: f.GetProperty("value").ToString()))
                .Concat(section.GetProperty("histograms").EnumerateArray().SelectMany(h => h.GetProperty("bands").EnumerateArray()
                    .Select(b => (Section: section.GetProperty("id").GetString(), Figure: $"{h.GetProperty("id").GetString()}.{b.GetProperty("id").GetString()}", Value: b.GetProperty("count").ToString())))));
        Assert.That(rows.Skip(1).Select(r => (r[3], r[4], Number(r[6]))), Is.EqualTo(expected.Select(e => (e.Section, e.Figure, Number(e.Value)))));
        Assert.That(rows.Skip(1).Select(r => r[2]).Distinct(), Is.EqualTo(new[] { json.GetProperty("checkpoint").GetProperty("treeSize").ToString() }));
    }

    [Test]
    public async Task Bad_periods_are_refused_naming_the_field_and_other_roles_are_refused_both_recorded()
    {
        var fields = new Dictionary<string, string>
        {
            ["from=last-spring"] = "from",
            ["to=2026-13-01T00:00:00Z"] = "to",
            ["from=2026-07-01T00:00:00Z&to=2026-07-01T00:00:00Z"] = "to",
            ["from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z"] = "from",
        };
        foreach (var (query, field) in fields)
        {
            var refusedBefore = await CountAsync(CustodyAction.RequestRefused);
            var problem = await (await Auditor.GetAsync($"/api/reports/transparency?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, $"{query}: {problem}");
            Assert.That(await CountAsync(CustodyAction.RequestRefused), Is.EqualTo(refusedBefore + 1), query);
        }
        foreach (var role in new[] { Roles.Officer, Roles.Supervisor, Roles.OversightBoard })
        {
            var deniedBefore = await CountAsync(CustodyAction.AccessDenied);
            await (await Api.ClientFor(role, "someone", "North").GetAsync("/api/reports/transparency")).AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.That(await CountAsync(CustodyAction.AccessDenied), Is.EqualTo(deniedBefore + 1), role);
        }
        foreach (var role in new[] { Roles.Custodian, Roles.Admin })
        {
            Assert.That((await Api.ClientFor(role, "someone").GetAsync($"/api/reports/transparency?{Period(TimeSpan.FromDays(1))}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), role);
        }
    }

    [Test]
    public async Task The_public_page_opens_without_signing_in_with_charts_and_the_checkpoint_and_names_no_officer_or_recording()
    {
        var period = Period(TimeSpan.FromDays(400));
        var json = await GetAsync(period);
        var failedBefore = await CountAsync(CustodyAction.AuthenticationFailed);
        using var anyone = Api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await anyone.GetAsync($"/public/reports/transparency?from={Date(_seededAt.AddDays(-1))}&to={Date(_seededAt.AddDays(399))}");
        var csv = await anyone.GetAsync($"/public/reports/transparency?handler=Csv&from={Date(_seededAt.AddDays(-1))}&to={Date(_seededAt.AddDays(399))}");

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'"));
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        var checkpoint = json.GetProperty("checkpoint");
        Assert.That(html, Does.Contain("<svg role=\"img\"").And.Contain("Upload delays by band")
            .And.Contain($"{checkpoint.GetProperty("treeSize").GetInt64()} custody events").And.Contain(checkpoint.GetProperty("rootHash").GetString())
            .And.Contain("bodycam verify checkpoint").And.Contain(Api.Service<NoteSigner>().VerifierKey.ToString()));
        Assert.That(html, Does.Not.Contain(Officer).And.Not.Contain("carol").And.Not.Contain("Sign out"));
        foreach (var item in _videos.Append(_unreadable).Append(_quarantined))
        {
            Assert.That(html, Does.Not.Contain(item.ToString()).And.Not.Contain(item.ToString("N")));
        }
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ParseCsv(await csv.Content.ReadAsStringAsync()).Count, Is.EqualTo(1 + 22 + 14), "a header, twenty-two figures and fourteen bands");
        Assert.That(await CountAsync(CustodyAction.AuthenticationFailed), Is.EqualTo(failedBefore), "nobody was sent to sign in");

        var refusedBefore = await CountAsync(CustodyAction.RequestRefused);
        var badPeriod = await anyone.GetAsync("/public/reports/transparency?from=someday");
        Assert.That(badPeriod.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(WebUtility.HtmlDecode(await badPeriod.Content.ReadAsStringAsync()), Does.Contain("from:").IgnoreCase);
        Assert.That(await CountAsync(CustodyAction.RequestRefused), Is.EqualTo(refusedBefore + 1), "a refused period is recorded, whoever asked");
    }

    private HttpClient Auditor => Api.ClientFor(Roles.Auditor, "ann");

    private async Task<Guid> AskFootageAsync()
    {
        var asked = await Api.ClientFor(Roles.OversightBoard, "obi").PostAsJsonAsync("/api/footage-requests",
            new { description = "Arrest outside the station", purpose = "Complaint review", officerId = Officer });
        return (await asked.ReadAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private Dictionary<string, string> Ended(TimeSpan delay)
    {
        var end = Clock.GetUtcNow() - delay;
        return new() { ["recordedStart"] = Iso(end.AddMinutes(-5)), ["recordedEnd"] = Iso(end) };
    }

    private string Period(TimeSpan length) => $"from={Iso(_seededAt.AddDays(-1))}&to={Iso(_seededAt.Add(length))}";

    private async Task<JsonElement> GetAsync(string query) =>
        await (await Auditor.GetAsync($"/api/reports/transparency?{query}")).ReadAsync<JsonElement>(HttpStatusCode.OK);

    private async Task<int> CountAsync(CustodyAction action)
    {
        await using var db = Api.OpenDb();
        return await db.CustodyEvents.CountAsync(e => e.Action == action);
    }

    private static double? Figure(JsonElement report, string id)
    {
        var value = report.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("figures").EnumerateArray())
            .Single(f => f.GetProperty("id").GetString() == id).GetProperty("value");
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
    }

    private static int[] Bands(JsonElement report, string id) =>
        [.. report.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("histograms").EnumerateArray())
            .Single(h => h.GetProperty("id").GetString() == id).GetProperty("bands").EnumerateArray().Select(b => b.GetProperty("count").GetInt32())];

    /// <summary>A figure's value as one text in the CSV and the JSON: empty where there was nothing to compute it from.</summary>
    private static string Number(string value) =>
        value.Length == 0 ? "" : double.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    private static List<string[]> ParseCsv(string csv)
    {
        using var parser = new TextFieldParser(new StringReader(csv)) { HasFieldsEnclosedInQuotes = true, TextFieldType = FieldType.Delimited };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }
        return rows;
    }

    private static async Task<Guid> UploadQuarantinedAsync(HttpClient dock, byte[] bytes, Dictionary<string, string> times)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ingest/tus/") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", bytes.Length.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", Recording.MetadataHeader(new Dictionary<string, string>(times)
        {
            ["filename"] = "declared.mp4", ["deviceSerial"] = "X60-000001", ["officerId"] = Officer, ["sha256"] = new string('a', 64),
        }));
        var created = await dock.SendAsync(request);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var status = await dock.WaitUntilSettledAsync(created.Headers.Location!.ToString().TrimEnd('/').Split('/')[^1]);
        Assert.That(status.Status, Is.EqualTo("Quarantined"));
        return status.EvidenceId;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
