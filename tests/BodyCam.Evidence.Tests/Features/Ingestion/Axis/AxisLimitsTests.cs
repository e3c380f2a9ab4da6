using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Features.Ingestion.Axis;

/// <summary>
/// Limits of the Axis API that need a server configured for them: the upload concurrency and the token
/// lifetime. Each test runs its own server, and no other server runs meanwhile: Hangfire keeps process-wide
/// state, so a second server started beside a running one disturbs the first one's jobs.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class AxisLimitsTests(ApiProfile profile)
{
    private static readonly TimeSpan SegmentLength = TimeSpan.FromSeconds(2);

    private byte[] _firstVideo = [];
    private byte[] _secondVideo = [];

    [OneTimeSetUp]
    public async Task MakeVideos()
    {
        _firstVideo = await AxisSite.VideoAsync("testsrc", (int)SegmentLength.TotalSeconds);
        _secondVideo = await AxisSite.VideoAsync("testsrc2", (int)SegmentLength.TotalSeconds);
    }

    [Test]
    public async Task Uploads_beyond_the_concurrency_limit_are_503_with_Retry_After_while_the_running_one_completes()
    {
        await using var api = await EvidenceApiFactory.StartAsync(profile, overNetwork: true, ("Ingestion:MaxConcurrentRequests", "1"));
        using var slow = await AxisSite.ConnectAsync(api, "Busy");
        await slow.AuthenticateAsync();
        // A client of its own, on its own connection, so that the held body cannot delay its requests.
        using var quick = new AxisSystemController(slow.ConnectionFile.GetRawText());
        await quick.AuthenticateAsync();
        var recording = AxisRecording.New();
        await AxisSite.RegisterOfficerAndCameraAsync(slow, recording, "Sven Berg");
        await (await slow.PutContainerAsync(recording.ContainerName, recording.Metadata)).AssertStatusAsync(HttpStatusCode.Created);
        var first = recording.Segment(TimeSpan.Zero, SegmentLength);
        var second = recording.Segment(SegmentLength, SegmentLength);
        var held = new HeldContent(_firstVideo);

        var running = slow.PutObjectAsync(recording.ContainerName, first.Name, held, first.Metadata);
        await held.FirstPartSent;
        // The server takes its upload slot once it has the request's headers, which the first part of the body follows.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var refused = await quick.PutObjectAsync(recording.ContainerName, second.Name, _secondVideo, second.Metadata);
        held.Release();
        var completed = await running;
        var retried = await quick.PutObjectAsync(recording.ContainerName, second.Name, _secondVideo, second.Metadata);

        await refused.AssertStatusAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(AxisSystemController.RetryAfter(refused), Is.Not.Null, "a busy answer says when to come back");
        await completed.AssertStatusAsync(HttpStatusCode.Created);
        Assert.That(AxisSystemController.Header(completed, "ETag"), Is.EqualTo(AxisSystemController.Md5Hex(_firstVideo)));
        await retried.AssertStatusAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task A_token_past_its_lifetime_is_401_and_a_new_one_works()
    {
        var clock = new MovableClock();
        await using var host = new EvidenceApiFactory(profile, await TestDatabases.CreateAsync(profile.Database), [("Axis:TokenLifetime", "00:01:00")]);
        var api = host.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var admin = api.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", api.Services.GetRequiredService<LocalTokenIssuer>().Issue("ada", Roles.Admin, null, null, TimeSpan.FromMinutes(10)));
        using var swift = api.CreateClient();
        using var controller = await AxisSite.ConnectAsync(admin, api.Server.BaseAddress, "Clock", swift);
        await controller.AuthenticateAsync();
        var expiresIn = controller.TokenExpiresIn;
        var fresh = await controller.GetAsync("System/Capabilities.json");

        clock.Advance(TimeSpan.FromSeconds(61));
        long before;
        await using (var db = OpenDb(api))
        {
            before = await LastSequenceAsync(db);
        }
        var expired = await controller.GetAsync("System/Capabilities.json");
        await controller.AuthenticateAsync();
        var renewed = await controller.GetAsync("System/Capabilities.json");

        Assert.That(int.Parse(expiresIn!, CultureInfo.InvariantCulture), Is.InRange(1, 60));
        await fresh.AssertStatusAsync(HttpStatusCode.OK);
        await expired.AssertStatusAsync(HttpStatusCode.Unauthorized);
        await renewed.AssertStatusAsync(HttpStatusCode.OK);
        await using var reader = OpenDb(api);
        Assert.That(await reader.CustodyEvents.AnyAsync(e => e.Sequence > before && e.Action == CustodyAction.AuthenticationFailed), Is.True);
    }

    private static async Task<long> LastSequenceAsync(EvidenceDb db) => await db.CustodyEvents.MaxAsync(e => (long?)e.Sequence) ?? -1;

    private static EvidenceDb OpenDb(WebApplicationFactory<Program> api) => api.Services.CreateScope().ServiceProvider.GetRequiredService<EvidenceDb>();
}
