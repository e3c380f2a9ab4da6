using System.Net;
using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Playback;
using BodyCam.Evidence.Features.Playback;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BodyCam.Evidence.Tests.Features.Playback;

/// <summary>
/// Views recorded under concurrency: many parallel range requests of one player, and of many viewers at once, are
/// committed in groups; what each session holds, and what its one <c>ContentViewed</c> event lists, must still be
/// exactly what was sent to that viewer. The recording is random bytes of officer North's, uploaded by a dock.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class ViewRecordingTests(ApiProfile profile)
{
    private const string Officer = "officer-views";
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);

    private EvidenceApiFactory _api = null!;
    private FakeTimeProvider _clock = null!;
    private byte[] _video = [];
    private Guid _item;

    [OneTimeSetUp]
    public async Task UploadRecording()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _api = await EvidenceApiFactory.StartAsync(profile, overNetwork: true, services => services.AddSingleton<TimeProvider>(_clock));
        (await _api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/officers/{Officer}", new { name = "Views Officer", unit = "North" })).EnsureSuccessStatusCode();
        _video = new byte[64 * 1024];
        Random.Shared.NextBytes(_video);
        _item = await _api.UploadVerifiedRecordingAsync(Officer, content: _video);
    }

    [OneTimeTearDown]
    public async Task StopServer() => await _api.DisposeAsync();

    [Test]
    public async Task Thirty_two_parallel_ranges_of_one_viewer_are_one_session_and_one_event_listing_exactly_them()
    {
        const string Reason = "Frame by frame, IA-2026-17";
        // Gaps between the ranges keep each one visible in the session; they go out in a shuffled order.
        var ranges = Enumerable.Range(0, 32).Select(i => new ByteRange(i * 1000, (i * 1000) + 99)).ToList();
        var sent = Enumerable.Range(0, 32).Select(i => ranges[i * 13 % 32]).ToList();

        var responses = await Task.WhenAll(sent.Select(r => Supervisor("sup-north").PlayAsync(_item, Reason, $"bytes={r}")));

        await AssertServedAsync(responses, sent);
        var session = (await OpenSessionsAsync(Reason)).Single();
        Assert.That((session.ActorId, session.ServedRanges, session.Requests), Is.EqualTo(("sup-north", ByteRange.Format(ranges), 32)));

        _clock.Advance(Idle);
        await _api.Services.CloseIdleViewSessionsAsync();

        var view = (await ViewsAsync(Reason)).Single();
        Assert.That(view.ActorId, Is.EqualTo("sup-north"));
        Assert.That(view.Reason, Does.StartWith($"view session {session.Id}: bytes {ByteRange.Format(ranges)} of {_video.Length} (3200 bytes) in 32 requests, "));
    }

    [Test]
    public async Task Sixteen_viewers_at_once_each_have_one_session_and_one_event_of_exactly_the_ranges_they_were_sent()
    {
        const string Reason = "Mass incident 2026-0412, all cameras";
        var viewers = Enumerable.Range(0, 16)
            .Select(v => v % 2 == 0 ? (Id: $"custodian-{v:00}", Role: Roles.Custodian) : (Id: $"sup-north-{v:00}", Role: Roles.Supervisor))
            .ToList();
        // Each viewer's four ranges are of a length of its own and interleave with everyone else's.
        var rangesOf = Enumerable.Range(0, 16).ToDictionary(
            v => viewers[v].Id,
            v => Enumerable.Range(0, 4).Select(j => new ByteRange(((j * 16) + v) * 900, (((j * 16) + v) * 900) + 10 + v)).ToList());
        var requests = viewers.SelectMany(viewer => rangesOf[viewer.Id].Select(range => (Viewer: viewer, Range: range))).ToList();

        var responses = await Task.WhenAll(requests.Select(r =>
            _api.ClientFor(r.Viewer.Role, r.Viewer.Id, r.Viewer.Role == Roles.Supervisor ? "North" : null).PlayAsync(_item, Reason, $"bytes={r.Range}")));

        await AssertServedAsync(responses, [.. requests.Select(r => r.Range)]);
        var expected = viewers.Select(v => (v.Id, v.Role, ByteRange.Format(rangesOf[v.Id]))).ToList();
        var sessions = await OpenSessionsAsync(Reason);
        Assert.That(sessions.Select(s => (s.ActorId, s.ActorRole, s.ServedRanges)), Is.EquivalentTo(expected));
        Assert.That(sessions.Select(s => s.Requests), Is.All.EqualTo(4));

        _clock.Advance(Idle);
        await _api.Services.CloseIdleViewSessionsAsync();

        var views = await ViewsAsync(Reason);
        Assert.That(views.Select(e => (e.ActorId, e.ActorRole, Viewing.ServedRanges(e))), Is.EquivalentTo(expected));
        Assert.That(views.Select(e => e.Reason), Has.All.Contains(" in 4 requests, "));
        Assert.That(views.Select(e => e.Reason![..e.Reason!.IndexOf(':', StringComparison.Ordinal)]),
            Is.EquivalentTo(sessions.Select(s => $"view session {s.Id}")), "one event per session, none twice");
    }

    [Test]
    public async Task A_request_after_the_job_closed_its_remembered_session_opens_a_new_one_and_the_closed_event_stays_as_it_was()
    {
        const string Reason = "Closed while watched";
        using (var first = await Custodian().PlayAsync(_item, Reason, "bytes=0-99"))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        }
        var closed = (await OpenSessionsAsync(Reason)).Single();

        // The server still counts the player as within its idle window (it remembers the session and tries to extend
        // it in one statement), while a job whose clock is a window ahead, as another process's may be, closes it.
        await using (var scope = _api.Services.CreateAsyncScope())
        {
            var job = ActivatorUtilities.CreateInstance<CloseViewSessionsJob>(scope.ServiceProvider, new FakeTimeProvider(_clock.GetUtcNow() + Idle));
            await job.RunAsync(CancellationToken.None);
        }
        var closedEvent = (await ViewsAsync(Reason)).Single();

        using (var again = await Custodian().PlayAsync(_item, Reason, "bytes=5000-5099"))
        {
            await AssertServedAsync([again], [new ByteRange(5000, 5099)]);
        }

        await using var db = _api.OpenDb();
        var closedRow = await db.ViewSessions.AsNoTracking().SingleAsync(s => s.Id == closed.Id);
        Assert.That((closedRow.ServedRanges, closedRow.Requests, closedRow.ClosedAt.HasValue), Is.EqualTo(("0-99", 1, true)), "the closed session was extended");
        var views = await ViewsAsync(Reason);
        Assert.That(views.Select(e => (e.Sequence, e.Reason)), Is.EqualTo(new[] { (closedEvent.Sequence, closedEvent.Reason) }));
        Assert.That(Viewing.ServedRanges(closedEvent), Is.EqualTo("0-99"));
        var reopened = (await OpenSessionsAsync(Reason)).Single();
        Assert.That((reopened.Id == closed.Id, reopened.ServedRanges, reopened.Requests), Is.EqualTo((false, "5000-5099", 1)));
    }

    private HttpClient Supervisor(string subject) => _api.ClientFor(Roles.Supervisor, subject, "North");

    private HttpClient Custodian() => _api.ClientFor(Roles.Custodian, "carol");

    /// <summary>Every response is a 206 of exactly its range's bytes; then they are disposed.</summary>
    private async Task AssertServedAsync(HttpResponseMessage[] responses, List<ByteRange> ranges)
    {
        for (var i = 0; i < responses.Length; i++)
        {
            using var response = responses[i];
            var range = ranges[i];
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent), $"bytes={range}");
            Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(_video[(int)range.First..((int)range.Last + 1)]), $"bytes={range}");
        }
    }

    private async Task<List<ViewSession>> OpenSessionsAsync(string reason)
    {
        await using var db = _api.OpenDb();
        return await db.OpenViewSessionsAsync(reason);
    }

    private async Task<List<CustodyEvent>> ViewsAsync(string reason)
    {
        await using var db = _api.OpenDb();
        return await db.ContentViewsAsync(_item, reason);
    }
}
