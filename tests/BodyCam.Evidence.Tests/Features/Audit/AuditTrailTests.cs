using System.Globalization;
using System.Linq.Expressions;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Audit;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Audit;

public sealed class AuditTrailTests(ApiProfile profile) : ApiTests(profile)
{
    private const string CsvHeader = "index,time,actorId,actorKind,actorRole,clientIp,action,evidenceId,contentSha256,reason,outcome\r\n";
    private const string ContentSha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Test]
    public async Task Pages_through_the_trail_in_ledger_order_without_gaps_or_repeats()
    {
        var officer = Officer(Unique("officer"));
        var bystander = Officer(Unique("bystander"));
        for (var round = 0; round < 6; round++)
        {
            await RecordAsync(log =>
            {
                for (var i = 0; i < 4; i++)
                {
                    log.Record(CustodyAction.AccessDenied, officer, reason: $"round {round} attempt {i}", outcome: CustodyOutcome.Denied);
                    log.Record(CustodyAction.AccessDenied, bystander, reason: $"round {round} attempt {i}", outcome: CustodyOutcome.Denied);
                }
            });
        }

        var (officerPages, officerEntries) = await ReadAllPagesAsync($"actor={officer.Id}&limit=5");
        var (_, wholeTrail) = await ReadAllPagesAsync("limit=7");

        var stored = await StoredAsync(e => e.ActorId == officer.Id);
        Assert.That(officerPages.Select(page => page.Items.Count), Is.EqualTo(new[] { 5, 5, 5, 5, 4 }));
        Assert.That(officerEntries.Select(e => e.Index), Is.EqualTo(stored.Select(e => e.Sequence)));
        Assert.That(officerEntries.Select(e => e.Reason), Is.EqualTo(stored.Select(e => e.Reason)));
        Assert.That(wholeTrail.Select(e => e.Index), Is.EqualTo(Enumerable.Range(0, wholeTrail.Count).Select(i => (long)i)));
        Assert.That(wholeTrail.Select(e => e.Index), Is.SupersetOf(stored.Select(e => e.Sequence)));
    }

    [Test]
    public async Task Filters_by_action_and_evidence()
    {
        var evidenceId = Guid.NewGuid();
        var system = Actor.System("verifier");
        await RecordAsync(log =>
        {
            log.Record(CustodyAction.Received, system, evidenceId, ContentSha256);
            log.Record(CustodyAction.Verified, system, Guid.NewGuid(), ContentSha256);
            log.Record(CustodyAction.Verified, system, evidenceId, ContentSha256);
            log.Record(CustodyAction.AccessDenied, Officer(Unique("officer")), evidenceId, outcome: CustodyOutcome.Denied);
        });

        var verified = await ReadPageAsync($"action=verified&evidenceId={evidenceId.ToString("N").ToUpperInvariant()}");
        var ofTheItem = await ReadPageAsync($"evidenceId={evidenceId}");

        Assert.That(verified.Items.Select(e => (e.Action, e.EvidenceId)), Is.EqualTo(new[] { ("Verified", (Guid?)evidenceId) }));
        Assert.That(ofTheItem.Items.Select(e => e.Action), Is.EqualTo(new[] { "Received", "Verified", "AccessDenied" }));
        Assert.That(ofTheItem.NextCursor, Is.Null);
    }

    [Test]
    public async Task Filters_by_actor_and_outcome()
    {
        var officer = Officer(Unique("officer"));
        await RecordAsync(log =>
        {
            log.Record(CustodyAction.UploadStarted, officer);
            log.Record(CustodyAction.AccessDenied, officer, reason: "the one", outcome: CustodyOutcome.Denied);
            log.Record(CustodyAction.UploadChunkRejected, officer, outcome: CustodyOutcome.Failed);
            log.Record(CustodyAction.AccessDenied, Officer(Unique("other")), outcome: CustodyOutcome.Denied);
        });

        var denied = await ReadPageAsync($"actor={officer.Id}&outcome=DENIED");

        Assert.That(denied.Items.Select(e => (e.ActorId, e.Reason, e.Outcome)), Is.EqualTo(new[] { (officer.Id, (string?)"the one", "Denied") }));
    }

    [Test]
    public async Task Filters_by_time_from_inclusive_to_exclusive()
    {
        var officer = Officer(Unique("officer"));
        for (var i = 0; i < 3; i++)
        {
            await RecordAsync(log => log.Record(CustodyAction.UploadStarted, officer, reason: $"upload {i}"));
            await Task.Delay(5);
        }
        var stored = await StoredAsync(e => e.ActorId == officer.Id);
        Assert.That(stored.Select(e => e.Time), Is.Ordered.Ascending.And.Unique, "the test needs three distinct times");
        var (first, second, third) = (stored[0].Time, stored[1].Time, stored[2].Time);
        var secondPlusTwoHours = second.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);

        var firstTwo = await ReadPageAsync($"actor={officer.Id}&from={Utc(first)}&to={Utc(third)}");
        var fromSecondEncoded = await ReadPageAsync($"actor={officer.Id}&from={Uri.EscapeDataString(secondPlusTwoHours)}");
        var fromSecondUnencoded = await ReadPageAsync($"actor={officer.Id}&from={secondPlusTwoHours}");

        Assert.That(firstTwo.Items.Select(e => e.Reason), Is.EqualTo(new[] { "upload 0", "upload 1" }));
        Assert.That(fromSecondEncoded.Items.Select(e => e.Reason), Is.EqualTo(new[] { "upload 1", "upload 2" }));
        Assert.That(fromSecondUnencoded.Items.Select(e => e.Reason), Is.EqualTo(new[] { "upload 1", "upload 2" }));
    }

    [Test]
    public async Task Items_carry_every_field_of_the_ledger_entry()
    {
        var officer = Officer(Unique("officer"));
        var evidenceId = Guid.NewGuid();
        await RecordAsync(log => log.Record(
            CustodyAction.AccessDenied, officer, evidenceId, ContentSha256, "case 26-0412: \"Ünïcode\", \\ and a tab\t", CustodyOutcome.Denied));

        var response = await Auditor().GetAsync($"/api/audit?actor={officer.Id}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var json = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "items", "nextCursor" }));
        Assert.That(json.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var item = json.GetProperty("items").EnumerateArray().Single();
        Assert.That(item.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "index", "time", "actorId", "actorKind", "actorRole", "clientIp", "action", "evidenceId", "contentSha256", "reason", "outcome",
        }));
        var entry = item.Deserialize<AuditTrailEntry>(JsonSerializerOptions.Web)!;
        var recomputed = new CustodyEntry(
            entry.Index, entry.Time, entry.ActorId, entry.ActorKind, entry.ActorRole, entry.ClientIp, entry.Action, entry.EvidenceId,
            entry.ContentSha256, entry.Reason, entry.Outcome).ToCanonicalBytes();
        var stored = (await StoredAsync(e => e.ActorId == officer.Id)).Single();
        Assert.That(recomputed, Is.EqualTo(stored.Entry), "the listed fields re-encode to the ledger's entry bytes");
    }

    [Test]
    public async Task Csv_lists_every_matching_event_with_a_header()
    {
        var officer = Officer(Unique("officer"));
        var evidenceId = Guid.NewGuid();
        string?[] reasons = ["plain", "a, comma", "say \"hi\"", "two\nlines", null];
        await RecordAsync(log =>
        {
            foreach (var reason in reasons)
            {
                log.Record(CustodyAction.Received, officer, evidenceId, ContentSha256, reason);
            }
        });

        var response = await ReadCsvAsync($"actor={officer.Id}&limit=2");

        var stored = await StoredAsync(e => e.ActorId == officer.Id);
        string[] reasonFields = ["plain", "\"a, comma\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", ""];
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(response.Content.Headers.GetValues("Content-Disposition").Single(), Is.EqualTo("attachment; filename=\"audit-trail.csv\""));
        Assert.That(
            await response.Content.ReadAsStringAsync(),
            Is.EqualTo(CsvHeader + string.Concat(stored.Zip(reasonFields, (e, reason) => CsvLine(e, officer.Id, reason)))));
    }

    [Test]
    public async Task Csv_continues_from_a_cursor()
    {
        var officer = Officer(Unique("officer"));
        await RecordAsync(log =>
        {
            for (var i = 0; i < 5; i++)
            {
                log.Record(CustodyAction.UploadStarted, officer, reason: $"upload {i}");
            }
        });
        var firstPage = await ReadPageAsync($"actor={officer.Id}&limit=2");

        var response = await ReadCsvAsync($"actor={officer.Id}&cursor={firstPage.NextCursor}");

        var rest = (await StoredAsync(e => e.ActorId == officer.Id)).Skip(2);
        Assert.That(firstPage.Items.Select(e => e.Reason), Is.EqualTo(new[] { "upload 0", "upload 1" }));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(CsvHeader + string.Concat(rest.Select(e => CsvLine(e, officer.Id, e.Reason!)))));
    }

    [Test]
    public async Task Csv_neutralises_formula_injection_in_reasons()
    {
        var officer = Officer(Unique("officer"));
        string[] reasons = ["=HYPERLINK(\"http://evil.example\",\"open\")", "+1+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd", "a - b = c"];
        await RecordAsync(log =>
        {
            foreach (var reason in reasons)
            {
                log.Record(CustodyAction.AccessDenied, officer, reason: reason, outcome: CustodyOutcome.Denied);
            }
        });

        var csv = await (await ReadCsvAsync($"actor={officer.Id}")).Content.ReadAsStringAsync();
        var json = await ReadPageAsync($"actor={officer.Id}");

        var stored = await StoredAsync(e => e.ActorId == officer.Id);
        string[] reasonFields =
        [
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")\"", "\"'+1+1\"", "\"'-2\"", "\"'@SUM(A1)\"", "\"'\tcmd\"", "\"'\rcmd\"", "a - b = c",
        ];
        Assert.That(csv, Is.EqualTo(CsvHeader + string.Concat(stored.Zip(reasonFields, (e, reason) => CsvLine(e, officer.Id, reason)))));
        Assert.That(json.Items.Select(e => e.Reason), Is.EqualTo(reasons), "JSON keeps the reasons as recorded");
    }

    [TestCase(Roles.Auditor)]
    [TestCase(Roles.Custodian)]
    [TestCase(Roles.Admin)]
    public async Task Auditors_custodians_and_admins_read_the_trail(string role)
    {
        var response = await Api.ClientFor(role, Unique(role.ToLowerInvariant())).GetAsync("/api/audit?limit=1");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task An_officer_is_refused_and_the_refusal_is_in_the_trail()
    {
        var subject = Unique("officer");
        var officer = Api.ClientFor(Roles.Officer, subject);

        var json = await officer.GetAsync("/api/audit");
        var csv = await officer.SendAsync(CsvRequest("/api/audit"));

        var problem = await json.AssertProblemAsync(HttpStatusCode.Forbidden);
        await csv.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(Roles.Auditor));
        var refusals = await ReadPageAsync($"actor={subject}");
        Assert.That(
            refusals.Items.Select(e => (e.Action, e.Outcome, e.ActorRole)),
            Is.EqualTo(Enumerable.Repeat(("AccessDenied", "Denied", (string?)Roles.Officer), 2)));
        Assert.That(refusals.Items.Select(e => e.Reason), Is.All.Contains(nameof(GetAuditTrail)));
    }

    [Test]
    public async Task Reading_the_trail_is_not_itself_recorded()
    {
        var subject = Unique("auditor");
        var auditor = Api.ClientFor(Roles.Auditor, subject);

        var json = await auditor.GetAsync("/api/audit");
        var csv = await auditor.SendAsync(CsvRequest("/api/audit"));

        Assert.That((json.StatusCode, csv.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        Assert.That(await StoredAsync(e => e.ActorId == subject), Is.Empty);
    }

    [Test]
    public async Task Invalid_cursor_is_a_problem_naming_the_cursor()
    {
        var officer = Officer(Unique("officer"));
        await RecordAsync(log =>
        {
            log.Record(CustodyAction.UploadStarted, officer);
            log.Record(CustodyAction.UploadStarted, officer);
        });
        var cursor = (await ReadPageAsync($"actor={officer.Id}&limit=1")).NextCursor!;
        var middle = cursor.Length / 2;
        var tampered = cursor[..middle] + (cursor[middle] == 'A' ? 'B' : 'A') + cursor[(middle + 1)..];

        foreach (var query in new[]
                 {
                     $"actor={officer.Id}&cursor=not-a-cursor",
                     $"actor={officer.Id}&cursor={tampered}",
                     $"actor={officer.Id}&cursor={cursor}x",
                     $"actor={officer.Id}&action=UploadStarted&cursor={cursor}",
                     $"cursor={cursor}",
                 })
        {
            var response = await Auditor().GetAsync("/api/audit?" + query);

            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "cursor" }), query);
        }
        Assert.That((await ReadPageAsync($"actor={officer.Id}&limit=1&cursor={cursor}")).Items, Has.Count.EqualTo(1), "the untouched cursor still works");
    }

    [TestCase("action=Teleported", "action")]
    [TestCase("action=1", "action")]
    [TestCase("action=Received,Verified", "action")]
    [TestCase("outcome=Maybe", "outcome")]
    [TestCase("evidenceId=item-7", "evidenceId")]
    [TestCase("from=yesterday", "from")]
    [TestCase("from=2026-11-26T12:00:00", "from")]
    [TestCase("to=2026-11-26", "to")]
    [TestCase("from=2026-11-26T12:00:00Z&to=2026-11-26T12:00:00Z", "to")]
    [TestCase("from=2026-11-26T13:00:00Z&to=2026-11-26T14:00:00%2B02:00", "to")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=1001", "limit")]
    [TestCase("limit=ten", "limit")]
    public async Task A_malformed_filter_is_a_problem_naming_it(string query, string field)
    {
        var response = await Auditor().GetAsync("/api/audit?" + query);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { field }), problem.ToString());
    }

    [Test]
    public async Task An_actor_id_longer_than_any_stored_is_a_problem_naming_the_actor()
    {
        var response = await Auditor().GetAsync("/api/audit?actor=" + new string('x', 201));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("actor", out _), Is.True, problem.ToString());
    }

    private HttpClient Auditor() => Api.ClientFor(Roles.Auditor, "audrey");

    private static Actor Officer(string id) => new(id, ActorKind.User, Roles.Officer, "10.0.0.7");

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string CsvLine(CustodyEvent e, string actorId, string reasonField) => string.Join(',',
        e.Sequence!.Value.ToString(CultureInfo.InvariantCulture), Utc(e.Time), actorId, e.ActorKind, e.ActorRole, e.ClientIp, e.Action,
        e.EvidenceId?.ToString("D"), e.ContentSha256, reasonField, e.Outcome) + "\r\n";

    private static HttpRequestMessage CsvRequest(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        return request;
    }

    private async Task<HttpResponseMessage> ReadCsvAsync(string query)
    {
        var response = await Auditor().SendAsync(CsvRequest("/api/audit?" + query));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return response;
    }

    private async Task<AuditTrailPage> ReadPageAsync(string query) =>
        await (await Auditor().GetAsync("/api/audit?" + query)).ReadAsync<AuditTrailPage>(HttpStatusCode.OK);

    private async Task<(List<AuditTrailPage> Pages, List<AuditTrailEntry> Entries)> ReadAllPagesAsync(string query)
    {
        var pages = new List<AuditTrailPage> { await ReadPageAsync(query) };
        while (pages[^1].NextCursor is { } cursor)
        {
            Assert.That(pages, Has.Count.LessThan(1000), "the pages never end");
            pages.Add(await ReadPageAsync($"{query}&cursor={cursor}"));
        }
        return (pages, pages.SelectMany(page => page.Items).ToList());
    }

    private async Task RecordAsync(Action<DbSet<CustodyEvent>> record)
    {
        await using var db = Api.OpenDb();
        record(db.CustodyEvents);
        await db.SaveChangesAsync();
    }

    private async Task<List<CustodyEvent>> StoredAsync(Expression<Func<CustodyEvent, bool>> predicate)
    {
        await using var db = Api.OpenDb();
        return await db.CustodyEvents.Where(predicate).OrderBy(e => e.Sequence).ToListAsync();
    }
}
