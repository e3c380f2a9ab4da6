using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;

namespace BodyCam.Evidence.Tests.ScaleOut;

/// <summary>Ingestion is bounded per dock and per process; everything else has a small body limit.</summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class BackPressureTests(ApiProfile profile)
{
    private EvidenceApiFactory _api = null!;

    [OneTimeSetUp]
    public async Task StartApi() =>
        _api = await EvidenceApiFactory.StartAsync(profile, overNetwork: true, ("Ingestion:MaxConcurrentRequestsPerDock", "1"), ("Api:MaxRequestBodyBytes", "65536"));

    [OneTimeTearDown]
    public async Task StopApi() => await _api.DisposeAsync();

    [Test]
    public async Task A_dock_over_its_concurrent_upload_limit_is_told_503_with_Retry_After_and_another_dock_is_not()
    {
        var busyKey = await _api.RegisterDockAsync();
        using var busy = Dock(busyKey);
        using var busyAgain = Dock(busyKey);
        using var other = Dock(await _api.RegisterDockAsync());
        using var held = Recording.Random(512 * 1024);
        using var small = Recording.Random(1000);
        var bytes = await File.ReadAllBytesAsync(held.Path);
        var heldUpload = await CreateAsync(busy, held);
        var body = new HeldContent(bytes);

        var running = busy.SendAsync(Patch(heldUpload, body));
        await body.FirstPartSent;
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var refused = await busyAgain.SendAsync(Creation(small));
        var admitted = await other.SendAsync(Creation(small));
        body.Release();
        var completed = await running;

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), $"held PATCH: {completed.StatusCode} {await completed.Content.ReadAsStringAsync()}");
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(admitted.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the limit is per dock");
        Assert.That(completed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await busyAgain.SendAsync(Creation(small))).StatusCode, Is.EqualTo(HttpStatusCode.Created), "the slot is given back");
    }

    [Test]
    public async Task A_body_over_the_limit_outside_ingestion_is_413_and_registers_nothing()
    {
        using var admin = _api.ClientFor(Roles.Admin, "ada");
        var huge = new StringContent($"{{\"name\":\"{new string('x', 100_000)}\"}}", System.Text.Encoding.UTF8, "application/json");

        var response = await admin.PostAsync("/api/docks", huge);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    /// <summary>A client over the network: the in-memory test client would buffer a held body before the server saw the request.</summary>
    private HttpClient Dock(string dockKey)
    {
        var client = new HttpClient { BaseAddress = _api.BaseAddress };
        client.DefaultRequestHeaders.Add("Tus-Resumable", "1.0.0");
        client.DefaultRequestHeaders.Add("X-Dock-Key", dockKey);
        return client;
    }

    private static HttpRequestMessage Creation(Recording recording)
    {
        var creation = new HttpRequestMessage(HttpMethod.Post, "/ingest/tus/");
        creation.Headers.Add("Upload-Length", recording.Length.ToString(CultureInfo.InvariantCulture));
        creation.Headers.Add("Upload-Metadata", Recording.MetadataHeader(recording.Metadata()));
        return creation;
    }

    private static async Task<string> CreateAsync(HttpClient dock, Recording recording)
    {
        var created = await dock.SendAsync(Creation(recording));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        return new Uri(dock.BaseAddress!, created.Headers.Location!).ToString();
    }

    private static HttpRequestMessage Patch(string upload, HttpContent content)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        var patch = new HttpRequestMessage(HttpMethod.Patch, upload) { Content = content };
        patch.Headers.Add("Upload-Offset", "0");
        return patch;
    }
}
