using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Tests.Support;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BodyCam.Evidence.Tests.Features.Playback;

/// <summary>
/// One ffmpeg-made video, uploaded by a dock through tus, verified and probed, is played by its officer (unit North),
/// North's supervisor and a custodian, on a clock the tests move. Each test views for a reason of its own, so its view
/// sessions are its own.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class PlaybackTests(ApiProfile profile)
{
    private const string Officer = "officer-play";
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);

    private EvidenceApiFactory _api = null!;
    private FakeTimeProvider _clock = null!;
    private string _dockKey = "";
    private string _folder = "";
    private byte[] _video = [];
    private string _sha256 = "";
    private Guid _item;

    [OneTimeSetUp]
    public async Task UploadVideo()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _api = await EvidenceApiFactory.StartAsync(profile, overNetwork: true, services => services.AddSingleton<TimeProvider>(_clock));
        _dockKey = await _api.RegisterDockAsync();
        (await _api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/officers/{Officer}", new { name = "Play Officer", unit = "North" })).EnsureSuccessStatusCode();
        _folder = Directory.CreateTempSubdirectory("bodycam-playback-").FullName;
        var path = Path.Combine(_folder, "stop.mp4");
        await LocalServices.RunAsync("ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i", "testsrc=duration=3:size=320x240:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path);
        using var recording = Recording.FromFile(path);
        _video = await File.ReadAllBytesAsync(path);
        _sha256 = recording.Sha256;
        _item = await UploadAsync(recording.Path, recording.Sha256);
        Assert.That((await WaitForProbeAsync(_item)).HasPoster, Is.True);
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        await _api.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task The_whole_recording_is_served_with_its_type_length_and_hash_as_entity_tag()
    {
        using var response = await PlayAsync(OfficerClient(), "whole file");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("video/mp4"));
            Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(_video.Length));
            Assert.That(response.Headers.AcceptRanges, Is.EqualTo(new[] { "bytes" }));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo($"\"{_sha256}\""));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        });
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(_video));
    }

    [Test]
    public async Task First_middle_suffix_and_open_ended_ranges_are_the_stored_bytes()
    {
        var size = _video.Length;
        var cases = new (string Range, int First, int Last)[]
        {
            ("bytes=0-499", 0, 499),
            ("bytes=1000-1999", 1000, 1999),
            ("bytes=-500", size - 500, size - 1),
            ("bytes=100-", 100, size - 1),
            ($"bytes={size - 10}-{size + 1000}", size - 10, size - 1),
        };
        foreach (var (range, first, last) in cases)
        {
            using var response = await PlayAsync(OfficerClient(), "ranges", range);

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent), range);
            var contentRange = response.Content.Headers.ContentRange!;
            Assert.That((contentRange.From, contentRange.To, contentRange.Length), Is.EqualTo(((long?)first, (long?)last, (long?)size)), range);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("video/mp4"), range);
            Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(_video[first..(last + 1)]), range);
        }
    }

    [Test]
    public async Task Several_ranges_come_back_as_multipart_byteranges_with_overlaps_merged()
    {
        using var response = await PlayAsync(CustodianClient(), "multipart", "bytes=200-299,0-99,250-349");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("multipart/byteranges"));
        var boundary = response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!;
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(body.Length));
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        var parts = new List<(string? Type, string? Range, byte[] Bytes)>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            using var bytes = new MemoryStream();
            await section.Body.CopyToAsync(bytes);
            parts.Add((section.ContentType, section.Headers!["Content-Range"].ToString(), bytes.ToArray()));
        }
        Assert.That(parts.Select(p => (p.Type, p.Range)), Is.EqualTo(new[]
        {
            ("video/mp4", $"bytes 0-99/{_video.Length}"),
            ("video/mp4", $"bytes 200-349/{_video.Length}"),
        }));
        Assert.That(parts[0].Bytes, Is.EqualTo(_video[..100]));
        Assert.That(parts[1].Bytes, Is.EqualTo(_video[200..350]));

        using var merged = await PlayAsync(CustodianClient(), "multipart", "bytes=0-99,50-149");
        Assert.That(merged.Content.Headers.ContentType?.MediaType, Is.EqualTo("video/mp4"), "ranges that merge into one are one plain part");
        Assert.That(await merged.Content.ReadAsByteArrayAsync(), Is.EqualTo(_video[..150]));
    }

    [Test]
    public async Task A_range_past_the_end_or_too_many_ranges_is_416_with_the_size()
    {
        var manySmall = "bytes=" + string.Join(',', Enumerable.Range(0, 17).Select(i => $"{i * 10}-{i * 10}"));
        foreach (var range in new[] { $"bytes={_video.Length}-", $"bytes={_video.Length + 5}-{_video.Length + 10}", manySmall })
        {
            using var response = await PlayAsync(OfficerClient(), "past the end", range);

            await response.AssertProblemAsync(HttpStatusCode.RequestedRangeNotSatisfiable);
            Assert.That(response.Content.Headers.ContentRange?.ToString(), Is.EqualTo($"bytes */{_video.Length}"), range);
        }
        Assert.That(await OpenSessionsAsync("past the end"), Is.Empty, "nothing was served, so nothing was viewed");
    }

    [Test]
    public async Task Conditional_requests_follow_the_entity_tag()
    {
        var etag = $"\"{_sha256}\"";

        using var notModified = await PlayAsync(OfficerClient(), "conditional", configure: r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag)));
        using var otherVersion = await PlayAsync(OfficerClient(), "conditional", "bytes=0-9", r => r.Headers.IfRange = new RangeConditionHeaderValue("\"other\""));
        using var sameVersion = await PlayAsync(OfficerClient(), "conditional", "bytes=0-9", r => r.Headers.IfRange = new RangeConditionHeaderValue(etag));
        using var wrongMatch = await PlayAsync(OfficerClient(), "conditional", configure: r => r.Headers.IfMatch.Add(new EntityTagHeaderValue("\"other\"")));

        Assert.That((notModified.StatusCode, notModified.Headers.ETag?.Tag), Is.EqualTo((HttpStatusCode.NotModified, etag)));
        Assert.That(await notModified.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(otherVersion.StatusCode, Is.EqualTo(HttpStatusCode.OK), "If-Range of another version asks for the whole");
        Assert.That(await otherVersion.Content.ReadAsByteArrayAsync(), Is.EqualTo(_video));
        Assert.That(sameVersion.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await sameVersion.Content.ReadAsByteArrayAsync(), Is.EqualTo(_video[..10]));
        await wrongMatch.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Test]
    public async Task A_reason_is_required_not_blank_and_bounded()
    {
        using var none = await PlayAsync(OfficerClient(), reason: null);
        using var blank = await PlayAsync(OfficerClient(), reason: "   ");
        using var tooLong = await PlayAsync(OfficerClient(), reason: new string('x', 501));
        using var inQuery = await OfficerClient().GetAsync($"/api/evidence/{_item}/content?reason={Uri.EscapeDataString("Report 24-118, draft")}");

        foreach (var refused in new[] { none, blank, tooLong })
        {
            var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.That(problem.GetProperty("errors").TryGetProperty("reason", out _), Is.True, problem.ToString());
        }
        Assert.That(inQuery.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await OpenSessionsAsync("Report 24-118, draft")).Single().Requests, Is.EqualTo(1));
    }

    [TestCase(Roles.Auditor)]
    [TestCase(Roles.Admin)]
    [TestCase(Roles.OversightBoard)]
    public async Task Roles_without_media_are_refused_content_and_poster_with_a_custody_event(string role)
    {
        var caller = "no-media-" + role.ToLowerInvariant();
        using var content = await PlayAsync(_api.ClientFor(role, caller), "curiosity");
        using var client = _api.ClientFor(role, caller);
        using var poster = await client.GetAsync($"/api/evidence/{_item}/poster");

        await content.AssertProblemAsync(HttpStatusCode.Forbidden);
        await poster.AssertProblemAsync(HttpStatusCode.Forbidden);
        var denials = await EventsAsync(CustodyAction.AccessDenied, e => e.ActorId == caller);
        Assert.That(denials.Select(e => (e.ActorRole, e.Outcome)), Is.EqualTo(new[] { (role, CustodyOutcome.Denied), (role, CustodyOutcome.Denied) }));
        Assert.That(denials.Select(e => e.Reason!.Split(' ')[0]), Is.EqualTo(new[] { "PlayEvidence", "ViewPoster" }));
    }

    [Test]
    public async Task A_supervisor_plays_their_units_recording_and_another_units_supervisor_or_officer_is_refused()
    {
        using var ownUnit = await PlayAsync(_api.ClientFor(Roles.Supervisor, "sup-north", "North"), "supervision", "bytes=0-9");
        using var otherUnit = await PlayAsync(_api.ClientFor(Roles.Supervisor, "sup-south", "South"), "supervision", "bytes=0-9");
        using var colleague = await PlayAsync(_api.ClientFor(Roles.Officer, "officer-colleague", "North"), "supervision", "bytes=0-9");

        Assert.That(ownUnit.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        await otherUnit.AssertProblemAsync(HttpStatusCode.Forbidden);
        await colleague.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(await EventsAsync(CustodyAction.AccessDenied, e => e.ActorId is "sup-south" or "officer-colleague"), Has.Count.EqualTo(2));
        Assert.That((await OpenSessionsAsync("supervision")).Select(s => s.ActorId), Is.EqualTo(new[] { "sup-north" }));
    }

    [Test]
    public async Task Range_requests_of_one_viewing_are_one_ContentViewed_event_once_the_session_is_idle()
    {
        const string Reason = "Use of force review UOF-2026-311";
        foreach (var range in new[] { "bytes=0-499", "bytes=1000-1999", "bytes=400-1099", "bytes=-500" })
        {
            using var response = await PlayAsync(SupervisorClient(), Reason, range);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        }
        _clock.Advance(TimeSpan.FromMinutes(4));
        using (await PlayAsync(SupervisorClient(), Reason, "bytes=3000-3999"))
        {
        }
        _clock.Advance(TimeSpan.FromMinutes(4));
        await CloseIdleSessionsAsync();

        Assert.That(await ViewsAsync(Reason), Is.Empty, "no event while the session is open");
        var open = (await OpenSessionsAsync(Reason)).Single();
        var tail = $"{_video.Length - 500}-{_video.Length - 1}";
        Assert.That((open.ServedRanges, open.Requests), Is.EqualTo(($"0-1999,3000-3999,{tail}", 5)));

        _clock.Advance(Idle);
        await CloseIdleSessionsAsync();
        await CloseIdleSessionsAsync();

        var view = (await ViewsAsync(Reason)).Single();
        Assert.Multiple(() =>
        {
            Assert.That((view.ActorId, view.ActorRole, view.ActorKind), Is.EqualTo(("sup-north", Roles.Supervisor, ActorKind.User)));
            Assert.That(view.ClientIp, Is.EqualTo("127.0.0.1"));
            Assert.That(view.ContentSha256, Is.EqualTo(_sha256));
            Assert.That(view.Outcome, Is.EqualTo(CustodyOutcome.Succeeded));
            Assert.That(view.Reason, Does.StartWith($"view session {open.Id}: bytes 0-1999,3000-3999,{tail} of {_video.Length} (3500 bytes) in 5 requests, "));
            Assert.That(view.Reason, Does.EndWith("; reason: " + Reason));
        });
        var report = await (await CustodianClient().GetAsync($"/api/evidence/{_item}/custody")).ReadAsync<CustodyReport>(HttpStatusCode.OK);
        Assert.That(report.Events.Where(e => e.Action == nameof(CustodyAction.ContentViewed)).Select(e => e.Index), Does.Contain(view.Sequence));
    }

    [Test]
    public async Task A_viewing_after_the_idle_window_is_a_second_session_and_event()
    {
        const string Reason = "Complaint 88-2";
        using (await PlayAsync(OfficerClient(), Reason, "bytes=0-99"))
        {
        }
        _clock.Advance(Idle + TimeSpan.FromSeconds(1));
        using (await PlayAsync(OfficerClient(), Reason, "bytes=100-199"))
        {
        }

        var closedByTheRequest = await ViewsAsync(Reason);
        _clock.Advance(Idle);
        await CloseIdleSessionsAsync();
        var views = await ViewsAsync(Reason);

        Assert.That(closedByTheRequest.Select(Viewing.ServedRanges), Is.EqualTo(new[] { "0-99" }), "the stale session is closed, at the latest when the next one opens");
        Assert.That(views.Select(Viewing.ServedRanges), Is.EqualTo(new[] { "0-99", "100-199" }));
    }

    [Test]
    public async Task Concurrent_range_requests_of_a_player_share_one_session()
    {
        const string Reason = "Parallel buffering";

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => PlayAsync(SupervisorClient(), Reason, $"bytes={i * 100}-{(i * 100) + 49}")));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.PartialContent));
        var session = (await OpenSessionsAsync(Reason)).Single();
        Assert.That(session.Requests, Is.EqualTo(8));
        Assert.That(session.ServedRanges, Is.EqualTo(string.Join(',', Enumerable.Range(0, 8).Select(i => $"{i * 100}-{(i * 100) + 49}"))));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public void Idle_sessions_are_closed_by_a_recurring_job()
    {
        using var connection = _api.Service<JobStorage>().GetConnection();

        Assert.That(connection.GetRecurringJobs().Select(job => job.Id), Does.Contain(RecurringJobs.ViewSessions.Id));
        Assert.That(RecurringJobs.ViewSessions.Id, Is.EqualTo("view-sessions"));
    }

    [Test]
    public async Task The_session_is_committed_before_the_first_byte_is_sent_and_a_broken_off_view_is_still_closed()
    {
        const string Reason = "Interrupted viewing";
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/evidence/{_item}/content"))
        {
            request.Headers.Add("X-Access-Reason", Reason);
            using var client = CustodianClient();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var first = new byte[16];
            await body.ReadExactlyAsync(first);

            Assert.That(first, Is.EqualTo(_video[..16]));
            Assert.That((await OpenSessionsAsync(Reason)).Single().ServedRanges, Is.EqualTo($"0-{_video.Length - 1}"));
        }

        _clock.Advance(Idle);
        await CloseIdleSessionsAsync();

        Assert.That((await ViewsAsync(Reason)).Single().Reason, Does.Contain($": bytes 0-{_video.Length - 1} of {_video.Length} "));
    }

    [Test]
    public async Task The_poster_is_the_stored_jpeg_and_each_request_is_a_custody_event()
    {
        var before = (await EventsAsync(CustodyAction.PosterViewed, e => e.ActorId == Officer)).Count;

        using var first = await OfficerClient().GetAsync($"/api/evidence/{_item}/poster");
        using var withReason = new HttpRequestMessage(HttpMethod.Get, $"/api/evidence/{_item}/poster");
        withReason.Headers.Add("X-Access-Reason", "Case file 24-118");
        using var second = await OfficerClient().SendAsync(withReason);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(first.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/jpeg"));
        var poster = await first.Content.ReadAsByteArrayAsync();
        Assert.That(poster[..3], Is.EqualTo(new byte[] { 0xFF, 0xD8, 0xFF }));
        Assert.That(poster, Is.EqualTo(await StoredPosterAsync()));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var views = await EventsAsync(CustodyAction.PosterViewed, e => e.ActorId == Officer);
        Assert.That(views, Has.Count.EqualTo(before + 2));
        Assert.That(views[^1].Reason, Does.EndWith("; reason: Case file 24-118"));
        Assert.That(views[^1].ContentSha256, Is.EqualTo(_sha256));
    }

    [Test]
    public async Task An_item_without_a_poster_is_a_404_problem()
    {
        var notes = await _api.UploadVerifiedRecordingAsync(Officer);
        await WaitForProbeAsync(notes);

        using var response = await CustodianClient().GetAsync($"/api/evidence/{notes}/poster");

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("no poster"));
    }

    [Test]
    public async Task A_quarantined_recording_is_viewed_only_by_a_custodian()
    {
        var path = Path.Combine(_folder, "mismatch.mp4");
        await File.WriteAllBytesAsync(path, _video[..5000]);
        var quarantined = await UploadAsync(path, new string('0', 64), expected: "Quarantined");

        using var officer = await PlayAsync(OfficerClient(), "quarantine", "bytes=0-99");
        using var custodian = await PlayAsync(CustodianClient(), "quarantine investigation", "bytes=0-99", item: quarantined);
        using var officerOnItem = await PlayAsync(OfficerClient(), "quarantine", "bytes=0-99", item: quarantined);

        Assert.That(officer.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent), "the verified item still plays");
        var problem = await officerOnItem.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("quarantined"));
        Assert.That(custodian.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(custodian.Content.Headers.ContentRange?.Length, Is.EqualTo(5000));
        Assert.That(await custodian.Content.ReadAsByteArrayAsync(), Is.EqualTo(_video[..100]));
        await using var db = _api.OpenDb();
        Assert.That(await db.CustodyEvents.CountAsync(e => e.EvidenceId == quarantined && e.Action == CustodyAction.AccessDenied && e.ActorId == Officer), Is.EqualTo(1));
    }

    private HttpClient OfficerClient() => _api.ClientFor(Roles.Officer, Officer, "North");

    private HttpClient SupervisorClient() => _api.ClientFor(Roles.Supervisor, "sup-north", "North");

    private HttpClient CustodianClient() => _api.ClientFor(Roles.Custodian, "carol");

    private Task<HttpResponseMessage> PlayAsync(
        HttpClient client, string? reason, string? range = null, Action<HttpRequestMessage>? configure = null, Guid? item = null) =>
        client.PlayAsync(item ?? _item, reason, range, configure);

    private Task<int> CloseIdleSessionsAsync() => _api.Services.CloseIdleViewSessionsAsync();

    private async Task<List<Domain.Playback.ViewSession>> OpenSessionsAsync(string reason)
    {
        await using var db = _api.OpenDb();
        return await db.OpenViewSessionsAsync(reason);
    }

    private async Task<List<CustodyEvent>> ViewsAsync(string reason)
    {
        await using var db = _api.OpenDb();
        return await db.ContentViewsAsync(_item, reason);
    }

    private async Task<List<CustodyEvent>> EventsAsync(CustodyAction action, Func<CustodyEvent, bool> which)
    {
        await using var db = _api.OpenDb();
        var events = await db.CustodyEvents.AsNoTracking().Where(e => e.EvidenceId == _item && e.Action == action).OrderBy(e => e.Sequence).ToListAsync();
        return [.. events.Where(which)];
    }

    private async Task<byte[]> StoredPosterAsync()
    {
        await using var stored = await _api.Service<IBlobStore>().OpenReadAsync($"posters/{_item:N}.jpg", 0, null, CancellationToken.None);
        using var bytes = new MemoryStream();
        await stored.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    private async Task<Guid> UploadAsync(string path, string declaredSha256, string expected = "Verified")
    {
        using var dock = _api.DockClient(_dockKey);
        var bytes = await File.ReadAllBytesAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ingest/tus/") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", bytes.Length.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", Recording.MetadataHeader(new Dictionary<string, string>
        {
            ["filename"] = Path.GetFileName(path),
            ["contentType"] = "video/mp4",
            ["deviceSerial"] = "X60-000777",
            ["officerId"] = Officer,
            ["recordedStart"] = "2026-11-26T08:00:00Z",
            ["recordedEnd"] = "2026-11-26T08:00:03Z",
            ["sha256"] = declaredSha256,
        }));
        var created = await dock.SendAsync(request);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var status = await dock.WaitUntilSettledAsync(created.Headers.Location!.OriginalString.TrimEnd('/').Split('/')[^1]);
        Assert.That(status.Status, Is.EqualTo(expected));
        return status.EvidenceId;
    }

    private async Task<EvidenceItemDetails> WaitForProbeAsync(Guid evidenceId)
    {
        using var custodian = CustodianClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var item = await (await custodian.GetAsync($"/api/evidence/{evidenceId}")).ReadAsync<EvidenceItemDetails>(HttpStatusCode.OK);
            if (item.ProbeStatus != "Pending" || DateTime.UtcNow > deadline)
            {
                return item;
            }
            await Task.Delay(200);
        }
    }
}
