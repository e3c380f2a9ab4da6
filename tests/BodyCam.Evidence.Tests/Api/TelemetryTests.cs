using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using BodyCam.Evidence.Tests.Support;

namespace BodyCam.Evidence.Tests.Api;

/// <summary>The Prometheus scrape endpoint, read as a scraper reads it, after real uploads and real jobs.</summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed partial class TelemetryTests(ApiProfile profile)
{
    private static readonly string[] VerifySucceeded = ["job=\"VerifyEvidenceHashJob\"", "outcome=\"succeeded\""];

    private EvidenceApiFactory _api = null!;
    private HttpClient _dock = null!;

    [OneTimeSetUp]
    public async Task StartApi()
    {
        _api = await EvidenceApiFactory.StartAsync(profile, settings: ("Telemetry:Prometheus", "true"));
        _dock = _api.DockClient(await _api.RegisterDockAsync());
        _dock.DefaultRequestHeaders.Add("Tus-Resumable", "1.0.0");
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        _dock.Dispose();
        await _api.DisposeAsync();
    }

    [Test]
    public async Task A_verified_upload_shows_in_bytes_ingested_ledger_size_checkpoint_age_and_the_verify_jobs_duration()
    {
        using var recording = Recording.Random(1_300_000);

        var status = await _dock.WaitUntilSettledAsync(await UploadAsync(recording, recording.Sha256));
        Assert.That(status.Status, Is.EqualTo("Verified"));

        var metrics = await ScrapeUntilAsync(text =>
            Value(text, "bodycam_bytes_ingested_bytes_total") >= recording.Length
            && Value(text, "bodycam_ledger_size") > 0
            && Value(text, "bodycam_checkpoint_age_seconds") is not null
            && Value(text, "bodycam_checkpoint_tree_size") > 0
            && Value(text, "bodycam_verify_backlog") is not null
            && Value(text, "bodycam_uploads_active") is not null
            && Value(text, "bodycam_job_duration_seconds_count", VerifySucceeded) >= 1);
        Assert.That(Value(metrics, "bodycam_bytes_ingested_bytes_total"), Is.GreaterThanOrEqualTo(recording.Length), metrics);
        Assert.That(Value(metrics, "bodycam_ledger_size"), Is.GreaterThan(0), metrics);
        Assert.That(Value(metrics, "bodycam_checkpoint_age_seconds"), Is.GreaterThanOrEqualTo(0).And.LessThan(600), metrics);
        Assert.That(Value(metrics, "bodycam_checkpoint_tree_size"), Is.GreaterThan(0), metrics);
        Assert.That(Value(metrics, "bodycam_job_duration_seconds_count", VerifySucceeded), Is.GreaterThanOrEqualTo(1), metrics);
        Assert.That(Value(metrics, "bodycam_uploads_active"), Is.Not.Null, metrics);
        Assert.That(Value(metrics, "bodycam_verify_backlog"), Is.Not.Null, metrics);
        Assert.That(metrics, Does.Contain("http_server_request_duration_seconds"), "ASP.NET Core's own metrics are exported too");
    }

    [Test]
    public async Task A_recording_that_does_not_match_its_declared_hash_is_counted_as_a_quarantine()
    {
        using var recording = Recording.Random(100_000);

        var status = await _dock.WaitUntilSettledAsync(await UploadAsync(recording, new string('0', 64)));
        Assert.That(status.Status, Is.EqualTo("Quarantined"));

        var metrics = await ScrapeUntilAsync(text => Value(text, "bodycam_quarantines_total", "check=\"declared_hash\"") >= 1);
        Assert.That(Value(metrics, "bodycam_quarantines_total", "check=\"declared_hash\""), Is.GreaterThanOrEqualTo(1), metrics);
    }

    /// <summary>A tus creation with the whole recording in its body; returns the upload id.</summary>
    private async Task<string> UploadAsync(Recording recording, string declaredSha256)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/ingest/tus/") { Content = new ByteArrayContent(await File.ReadAllBytesAsync(recording.Path)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        request.Headers.Add("Upload-Length", recording.Length.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", Recording.MetadataHeader(recording.Metadata(declaredSha256)));
        var response = await _dock.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.OriginalString.Split('/')[^1];
    }

    /// <summary>Scrapes until <paramref name="condition"/> holds or 30 s pass, and returns the last scrape.</summary>
    private async Task<string> ScrapeUntilAsync(Func<string, bool> condition)
    {
        var client = _api.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.GetAsync("/metrics");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var text = await response.Content.ReadAsStringAsync();
            if (condition(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }
            await Task.Delay(500);
        }
    }

    /// <summary>The value of the first sample of <paramref name="name"/> that has all of <paramref name="labels"/>.</summary>
    private static double? Value(string exposition, string name, params string[] labels)
    {
        foreach (Match sample in Sample().Matches(exposition))
        {
            if (sample.Groups["name"].Value == name && labels.All(label => sample.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            {
                return double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}

/// <summary>Without <c>Telemetry:Prometheus</c>, there is no scrape endpoint.</summary>
public sealed class TelemetryOffTests(ApiProfile profile) : ApiTests(profile)
{
    [Test]
    public async Task Without_the_setting_there_is_no_metrics_endpoint()
    {
        var response = await Api.CreateClient().GetAsync("/metrics");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
