using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Compliance;

/// <summary>
/// The compliance views over a small seeded agency on a host of its own, so every count is exact. Two North officers
/// and one South officer upload through docks A and B; each recording ended a known number of hours before the
/// seeding began, so each upload delay is that many hours plus the seconds the seeding took.
/// </summary>
public sealed class ComplianceTests(ApiProfile profile) : ApiTests(profile)
{
    private const double Hour = 3600;

    /// <summary>Every delay is measured late by the time the uploads took after <see cref="_seededAt"/>; never early.</summary>
    private const double SeedingSeconds = 300;

    private const string North = "North";
    private const string South = "South";
    private const string NorthOfficer = "n1";
    private const string OtherNorthOfficer = "n2";
    private const string SouthOfficer = "s1";

    private readonly Dictionary<string, Guid> _items = [];
    private DateTimeOffset _seededAt;
    private Guid _dockA;
    private Guid _dockB;

    [OneTimeSetUp]
    public async Task SeedAgency()
    {
        var admin = Api.ClientFor(Roles.Admin, "ada");
        foreach (var (officer, unit) in new[] { (NorthOfficer, North), (OtherNorthOfficer, North), (SouthOfficer, South) })
        {
            (await admin.PutAsJsonAsync($"/api/officers/{officer}", new { name = officer, unit })).EnsureSuccessStatusCode();
        }
        foreach (var name in new[] { "Use of force", "Traffic" })
        {
            (await admin.PostAsJsonAsync("/api/categories", new { name, retentionDays = 365 })).EnsureSuccessStatusCode();
        }
        using var dockA = Api.DockClient(await Api.RegisterDockAsync());
        using var dockB = Api.DockClient(await Api.RegisterDockAsync());
        _seededAt = DateTimeOffset.UtcNow;
        _items["i1"] = await UploadAsync(dockA, NorthOfficer, TimeSpan.FromHours(1));
        _items["i2"] = await UploadAsync(dockA, NorthOfficer, TimeSpan.FromHours(2));
        _items["i3"] = await UploadAsync(dockA, NorthOfficer, TimeSpan.FromHours(4));
        _items["i4"] = await UploadAsync(dockB, OtherNorthOfficer, TimeSpan.FromHours(10), category: "not-on-the-list");
        _items["i5"] = await UploadAsync(dockA, SouthOfficer, TimeSpan.FromHours(6));
        _items["i6"] = await UploadAsync(dockB, NorthOfficer, TimeSpan.FromDays(40));
        Assert.That(DateTimeOffset.UtcNow - _seededAt, Is.LessThan(TimeSpan.FromSeconds(SeedingSeconds)), "the tolerance of every delay below");

        var custodian = Api.ClientFor(Roles.Custodian, "carol");
        foreach (var (item, category) in new[] { ("i1", "use-of-force"), ("i3", "use-of-force"), ("i5", "use-of-force"), ("i6", "traffic") })
        {
            (await custodian.PutAsJsonAsync($"/api/evidence/{_items[item]}/categories", new { categories = new[] { category } })).EnsureSuccessStatusCode();
        }
        (await Supervisor(North).PostAsJsonAsync($"/api/evidence/{_items["i3"]}/reviews", new { outcome = "NoConcern" })).EnsureSuccessStatusCode();

        await using var db = Api.OpenDb();
        _dockA = await db.EvidenceItems.Where(e => e.Id == _items["i1"]).Select(e => e.DockId).SingleAsync();
        _dockB = await db.EvidenceItems.Where(e => e.Id == _items["i4"]).Select(e => e.DockId).SingleAsync();
    }

    [Test]
    public async Task Upload_delays_per_dock_and_officer_are_the_median_95th_percentile_and_maximum_of_the_recordings_in_the_period()
    {
        var report = await GetAsync(Custodian, "/api/compliance/upload-delays");

        AssertDelays(report, 5, 4 * Hour, 9.2 * Hour, 10 * Hour);
        var docks = report.GetProperty("docks").EnumerateArray().ToDictionary(d => d.GetProperty("dockId").GetGuid());
        Assert.That(docks.Keys, Is.EquivalentTo(new[] { _dockA, _dockB }), "the 40-day-old recording is outside the default 30 days");
        AssertDelays(docks[_dockA], 4, 3 * Hour, 5.7 * Hour, 6 * Hour);
        AssertDelays(docks[_dockB], 1, 10 * Hour, 10 * Hour, 10 * Hour);
        Assert.That(docks[_dockA].GetProperty("dockName").GetString(), Does.StartWith("Dock "));
        var officers = report.GetProperty("officers").EnumerateArray().ToDictionary(o => o.GetProperty("officerId").GetString()!);
        AssertDelays(officers[NorthOfficer], 3, 2 * Hour, 3.8 * Hour, 4 * Hour);
        AssertDelays(officers[OtherNorthOfficer], 1, 10 * Hour, 10 * Hour, 10 * Hour);
        AssertDelays(officers[SouthOfficer], 1, 6 * Hour, 6 * Hour, 6 * Hour);
        Assert.That(
            report.GetProperty("officers").EnumerateArray().Select(o => o.GetProperty("officerId").GetString()),
            Is.EqualTo(new[] { OtherNorthOfficer, SouthOfficer, NorthOfficer }), "worst 95th percentile first");
    }

    [Test]
    public async Task A_supervisor_sees_the_upload_delays_of_their_unit_only_and_a_longer_period_takes_in_older_recordings()
    {
        var north = await GetAsync(Supervisor(North), "/api/compliance/upload-delays");
        var longer = await GetAsync(Custodian, $"/api/compliance/upload-delays?from={Iso(_seededAt.AddDays(-50))}&to={Iso(_seededAt.AddHours(1))}");

        AssertDelays(north, 4, 3 * Hour, 9.1 * Hour, 10 * Hour);
        Assert.That(north.GetProperty("officers").EnumerateArray().Select(o => o.GetProperty("officerId").GetString()),
            Is.EquivalentTo(new[] { NorthOfficer, OtherNorthOfficer }));
        Assert.That(longer.GetProperty("count").GetInt32(), Is.EqualTo(6));
        Assert.That(longer.GetProperty("maxSeconds").GetDouble(), Is.InRange(40 * 24 * Hour, (40 * 24 * Hour) + SeedingSeconds));
    }

    [Test]
    public async Task Uncategorised_items_are_counted_per_unit_and_officer_and_listed_oldest_first()
    {
        var report = await GetAsync(Custodian, "/api/compliance/uncategorised?limit=1");
        var north = await GetAsync(Supervisor(North), "/api/compliance/uncategorised");

        Assert.That(
            (report.GetProperty("total").GetInt32(), report.GetProperty("uncategorised").GetInt32(), report.GetProperty("share").GetDouble()),
            Is.EqualTo((6, 2, 2.0 / 6)), "i4 carries only a category the agency does not know: it counts as uncategorised");
        Assert.That(
            report.GetProperty("units").EnumerateArray().Select(u => (u.GetProperty("unit").GetString(), u.GetProperty("total").GetInt32(), u.GetProperty("uncategorised").GetInt32(), u.GetProperty("share").GetDouble())),
            Is.EqualTo(new[] { ((string?)North, 5, 2, 0.4), (South, 1, 0, 0.0) }));
        Assert.That(
            report.GetProperty("officers").EnumerateArray().Select(o => (o.GetProperty("officerId").GetString(), o.GetProperty("uncategorised").GetInt32(), o.GetProperty("share").GetDouble())),
            Is.EqualTo(new[] { ((string?)OtherNorthOfficer, 1, 1.0), (NorthOfficer, 1, 0.25), (SouthOfficer, 0, 0.0) }));
        Assert.That(ItemIds(report), Is.EqualTo(new[] { _items["i2"] }), "limit=1: the oldest");
        Assert.That(ItemIds(north), Is.EqualTo(new[] { _items["i2"], _items["i4"] }));
        Assert.That((north.GetProperty("total").GetInt32(), north.GetProperty("uncategorised").GetInt32()), Is.EqualTo((5, 2)));
    }

    [Test]
    public async Task Unreviewed_use_of_force_items_are_those_no_supervisor_has_reviewed_within_the_callers_scope()
    {
        var all = await GetAsync(Custodian, "/api/compliance/unreviewed");
        var north = await GetAsync(Supervisor(North), "/api/compliance/unreviewed");
        var traffic = await GetAsync(Custodian, "/api/compliance/unreviewed?category=traffic");

        Assert.That(all.GetProperty("categories").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "use-of-force" }), "the default of Review:UseOfForceCategories");
        Assert.That((all.GetProperty("count").GetInt32(), ItemIds(all)), Is.EqualTo((2, new[] { _items["i1"], _items["i5"] })), "i3 was reviewed");
        Assert.That(all.GetProperty("units").EnumerateArray().Select(u => (u.GetProperty("unit").GetString(), u.GetProperty("count").GetInt32())),
            Is.EquivalentTo(new[] { ((string?)North, 1), (South, 1) }));
        Assert.That(ItemIds(north), Is.EqualTo(new[] { _items["i1"] }));
        Assert.That(ItemIds(traffic), Is.EqualTo(new[] { _items["i6"] }));
    }

    [Test]
    public async Task Compliance_parameters_are_refused_naming_the_field_and_officers_are_refused()
    {
        var fields = new Dictionary<string, string>
        {
            ["/api/compliance/upload-delays?from=yesterday"] = "from",
            ["/api/compliance/upload-delays?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"] = "to",
            [$"/api/compliance/upload-delays?from={Iso(_seededAt.AddDays(-400))}"] = "from",
            ["/api/compliance/uncategorised?limit=0"] = "limit",
            ["/api/compliance/uncategorised?to=soon"] = "to",
            ["/api/compliance/unreviewed?category=no-such-category"] = "category",
            ["/api/compliance/unreviewed?limit=many"] = "limit",
        };
        foreach (var (path, field) in fields)
        {
            var problem = await (await Custodian.GetAsync(path)).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, $"{path}: {problem}");
        }
        foreach (var path in new[] { "/api/compliance/upload-delays", "/api/compliance/uncategorised", "/api/compliance/unreviewed" })
        {
            await (await Api.ClientFor(Roles.Officer, NorthOfficer, North).GetAsync(path)).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    private HttpClient Custodian => Api.ClientFor(Roles.Custodian, "carol");

    private HttpClient Supervisor(string unit) => Api.ClientFor(Roles.Supervisor, "sup-" + unit.ToLowerInvariant(), unit);

    private async Task<Guid> UploadAsync(HttpClient dock, string officerId, TimeSpan delay, string? category = null)
    {
        var recordedEnd = _seededAt - delay;
        var metadata = new Dictionary<string, string>
        {
            ["recordedStart"] = Iso(recordedEnd.AddMinutes(-5)),
            ["recordedEnd"] = Iso(recordedEnd),
        };
        if (category is not null)
        {
            metadata["category"] = category;
        }
        return await dock.UploadVerifiedRecordingAsync(officerId, metadata);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path) =>
        await (await client.GetAsync(path)).ReadAsync<JsonElement>(HttpStatusCode.OK);

    /// <summary>Each figure is the expected delay plus at most the seconds the seeding took.</summary>
    private static void AssertDelays(JsonElement delays, int count, double median, double p95, double max)
    {
        Assert.That(delays.GetProperty("count").GetInt32(), Is.EqualTo(count), delays.ToString());
        Assert.That(delays.GetProperty("medianSeconds").GetDouble(), Is.InRange(median, median + SeedingSeconds), "median: " + delays);
        Assert.That(delays.GetProperty("p95Seconds").GetDouble(), Is.InRange(p95, p95 + SeedingSeconds), "95th percentile: " + delays);
        Assert.That(delays.GetProperty("maxSeconds").GetDouble(), Is.InRange(max, max + SeedingSeconds), "maximum: " + delays);
    }

    private static IEnumerable<Guid> ItemIds(JsonElement report) => report.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("evidenceId").GetGuid());

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
