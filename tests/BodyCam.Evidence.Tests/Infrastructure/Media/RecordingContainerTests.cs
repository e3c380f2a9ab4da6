using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Exports;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Infrastructure.Media;

/// <summary>
/// Uploads that hold no recording but name one on the server's disk: HLS playlists, a DASH manifest, an ffconcat
/// script, each naming the server's own 12-second video. Neither the probe, the poster nor the clip cut may read
/// what they name. And a cut whose clip holds nothing fails instead of going Ready.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class RecordingContainerTests(ApiProfile profile)
{
    private const string BoardName = "media-oversight-board";

    private EvidenceApiFactory _api = null!;
    private HttpClient _dock = null!;
    private string _videoOnTheServer = "";

    [OneTimeSetUp]
    public async Task StartServerWithAVideoOnItsDisk()
    {
        (_api, _) = await ClipExportVideo.StartAsync(profile, testServices: null);
        _dock = _api.DockClient(await _api.RegisterDockAsync());
        _videoOnTheServer = Path.Combine(_api.DataRoot, ClipExportVideo.SourceFile);
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        _dock.Dispose();
        await _api.DisposeAsync();
    }

    [TestCase("an HLS playlist named clip.mp4 naming the video by its path", "hls")]
    [TestCase("an HLS playlist named clip.m3u8 naming the video by a file URL", "hls")]
    [TestCase("an HLS playlist naming fragments of the video, its header in #EXT-X-MAP", "hls")]
    [TestCase("a DASH manifest naming the video in <BaseURL>", "dash")]
    [TestCase("an ffconcat script naming the video", "concat")]
    public async Task An_upload_naming_a_video_on_the_server_is_unreadable_naming_its_format_gets_no_poster_and_is_not_clipped(string upload, string format)
    {
        var (fileName, content) = await IndirectMediaAsync(upload);
        var item = await _dock.UploadVerifiedRecordingAsync(ClipExportVideo.OfficerId, new Dictionary<string, string> { ["filename"] = fileName }, content);

        Assert.That(await ClipExportVideo.WaitUntilProbedAsync(_api, item), Is.EqualTo(ProbeStatus.Unreadable));

        var expected = $"The media is in the {format} format, which is not a recording container read here (QuickTime/MP4, Matroska/WebM, MPEG-TS, AVI).";
        await using (var db = _api.OpenDb())
        {
            var stored = await db.EvidenceItems.AsNoTracking().SingleAsync(e => e.Id == item);
            var probed = await db.CustodyEvents.AsNoTracking().SingleAsync(e => e.EvidenceId == item && e.Action == CustodyAction.MediaProbed);
            Assert.Multiple(() =>
            {
                Assert.That(stored.ProbeFailure, Is.EqualTo(expected));
                Assert.That((stored.Media.DurationSeconds, stored.Media.Container, stored.Media.Width), Is.EqualTo(((double?)null, (string?)null, (int?)null)));
                Assert.That(stored.PosterBlobName, Is.Null);
                Assert.That((probed.Outcome, probed.Reason), Is.EqualTo((CustodyOutcome.Failed, "ffprobe cannot read it: " + expected)));
            });
        }
        Assert.That(await _api.Service<IBlobStore>().GetSizeAsync($"posters/{item:N}.jpg", CancellationToken.None), Is.Null);
        var poster = await Custodian().GetAsync($"/api/evidence/{item}/poster");
        var noPoster = await poster.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(noPoster.GetProperty("detail").GetString(), Is.EqualTo($"Evidence {item} has no poster: its media could not be read."));

        var clip = await RequestAndApproveClipAsync(item);

        await clip.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await using (var db = _api.OpenDb())
        {
            Assert.That(await db.ClipRequests.CountAsync(r => r.EvidenceId == item && r.Status != ClipRequestStatus.Requested), Is.Zero);
        }
    }

    [Test]
    public async Task Approving_a_clip_of_an_item_a_playlist_gave_the_facts_of_another_video_is_a_422_recorded_as_a_custody_event()
    {
        var (fileName, content) = await IndirectMediaAsync("an HLS playlist named clip.mp4 naming the video by its path");
        var item = await _dock.UploadVerifiedRecordingAsync(ClipExportVideo.OfficerId, new Dictionary<string, string> { ["filename"] = fileName }, content);
        await ClipExportVideo.WaitUntilProbedAsync(_api, item);
        await using (var db = _api.OpenDb())
        {
            // As the probe recorded such an upload before it read recording containers only: the named video's facts.
            var stored = await db.EvidenceItems.SingleAsync(e => e.Id == item);
            stored.RecordMedia(new MediaFacts(12, "hls", "h264", "aac", 320, 240, 25, 200_000, null), posterBlobName: null);
            await db.SaveChangesAsync();
        }
        var requested = await Board().PostAsJsonAsync("/api/clip-requests", new { evidenceId = item, startSeconds = 1, endSeconds = 3, purpose = "Complaint 2026-302" });
        Assert.That(requested.IsSuccessStatusCode, Is.True, await requested.Content.ReadAsStringAsync());
        var requestId = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await AssertApprovalRefusedAsync(item, requestId, "its media was read as hls, which is not a recording container.");
    }

    [Test]
    public async Task Approving_a_clip_of_an_unreadable_item_is_a_422_naming_its_format_recorded_as_a_custody_event()
    {
        var (fileName, content) = await IndirectMediaAsync("a DASH manifest naming the video in <BaseURL>");
        var item = await _dock.UploadVerifiedRecordingAsync(ClipExportVideo.OfficerId, new Dictionary<string, string> { ["filename"] = fileName }, content);
        Assert.That(await ClipExportVideo.WaitUntilProbedAsync(_api, item), Is.EqualTo(ProbeStatus.Unreadable));
        var request = ClipRequest.Ask(item, BoardName, new ClipRange(1, 3), null, null, null, "Complaint 2026-304", accurate: true, [], null, DateTimeOffset.UtcNow);
        await using (var db = _api.OpenDb())
        {
            // Stored as a board's request is: what the item is counts when someone who may see it decides.
            db.ClipRequests.Add(request);
            await db.SaveChangesAsync();
        }

        await AssertApprovalRefusedAsync(item, request.Id,
            "ffprobe cannot read its media. The media is in the dash format, which is not a recording container read here (QuickTime/MP4, Matroska/WebM, MPEG-TS, AVI).");
    }

    [Test]
    public async Task A_cut_whose_clip_holds_no_stream_fails_its_request_instead_of_going_ready()
    {
        // The index of a recording cut off just after it still claims all 12 s, but no packet is left to copy from 6 s on.
        var indexFirst = Path.Combine(_api.DataRoot, $"index-first-{Guid.NewGuid():N}.mp4");
        await LocalServices.RunAsync("ffmpeg", "-v", "error", "-nostdin", "-i", _videoOnTheServer, "-c", "copy", "-movflags", "+faststart", indexFirst);
        var whole = await File.ReadAllBytesAsync(indexFirst);
        var cutOff = whole[..(whole.AsSpan().IndexOf("mdat"u8) + 256)];
        var item = await _dock.UploadVerifiedRecordingAsync(ClipExportVideo.OfficerId, bytes: cutOff);
        Assert.That(await ClipExportVideo.WaitUntilProbedAsync(_api, item), Is.EqualTo(ProbeStatus.Probed));
        var requested = await Board().PostAsJsonAsync("/api/clip-requests", new { evidenceId = item, startSeconds = 6, endSeconds = 10, purpose = "Complaint 2026-303" });
        var requestId = (await requested.ReadAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        (await Custodian().PostAsJsonAsync($"/api/clip-requests/{requestId}/approve", new { reason = "Board review is in order" })).EnsureSuccessStatusCode();

        var settled = await ClipExportVideo.WaitUntilSettledAsync(Board(), requestId);

        Assert.That((settled.Status, settled.ExportId, settled.Reason),
            Is.EqualTo(("Failed", (Guid?)null, "ffmpeg could not cut the clip: the clip it wrote holds no audio or video stream.")));
        await using var db = _api.OpenDb();
        var actions = await db.CustodyEvents.AsNoTracking().Where(e => e.EvidenceId == item).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        Assert.That(actions, Does.Contain(CustodyAction.ClipFailed).And.Not.Contain(CustodyAction.ClipCut).And.Not.Contain(CustodyAction.ExportPackaged));
    }

    /// <summary>A custodian's approval is a 422 saying why, recorded as a custody event; the request still waits for a decision.</summary>
    private async Task AssertApprovalRefusedAsync(Guid item, Guid requestId, string why)
    {
        var approval = await Custodian().PostAsJsonAsync($"/api/clip-requests/{requestId}/approve", new { reason = "Board review is in order" });

        var problem = await approval.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo($"Clip request {requestId} cannot be approved. Evidence {item} cannot be clipped: {why}"));
        await using var db = _api.OpenDb();
        var request = await db.ClipRequests.AsNoTracking().SingleAsync(r => r.Id == requestId);
        var refusal = await db.CustodyEvents.AsNoTracking().SingleAsync(e => e.EvidenceId == item && e.Action == CustodyAction.ClipApprovalRefused);
        Assert.Multiple(() =>
        {
            Assert.That((request.Status, request.DecidedBy), Is.EqualTo((ClipRequestStatus.Requested, (string?)null)));
            Assert.That((refusal.Outcome, refusal.ActorId, refusal.Reason),
                Is.EqualTo((CustodyOutcome.Denied, "media-custodian", $"approval of clip request {requestId} (asked by {request.RequestedBy}) refused: Evidence {item} cannot be clipped: {why}")));
            Assert.That(refusal.Sequence, Is.Not.Null, "the refusal is in the custody log");
        });
    }

    /// <summary>
    /// The board asks for a clip and a custodian approves it if the board's request is taken: a board may be answered
    /// alike whatever the item, so that what the item is only counts when someone who may see it decides.
    /// </summary>
    private async Task<HttpResponseMessage> RequestAndApproveClipAsync(Guid item)
    {
        var requested = await Board().PostAsJsonAsync("/api/clip-requests", new { evidenceId = item, startSeconds = 1, endSeconds = 3, purpose = "Complaint 2026-301" });
        if (!requested.IsSuccessStatusCode)
        {
            return requested;
        }
        var requestId = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return await Custodian().PostAsJsonAsync($"/api/clip-requests/{requestId}/approve", new { reason = "Board review is in order" });
    }

    /// <summary>What a dock could upload to have the server's own video read as its recording, and the file name it gives.</summary>
    private async Task<(string FileName, byte[] Content)> IndirectMediaAsync(string upload)
    {
        var video = _videoOnTheServer;
        var (fileName, text) = upload switch
        {
            "an HLS playlist named clip.mp4 naming the video by its path" => ("clip.mp4", IndirectMedia.HlsPlaylist(video, seconds: 12)),
            "an HLS playlist named clip.m3u8 naming the video by a file URL" => ("clip.m3u8", IndirectMedia.HlsPlaylist(new Uri(video).AbsoluteUri, seconds: 12)),
            "an HLS playlist naming fragments of the video, its header in #EXT-X-MAP" => ("clip.m3u8", await IndirectMedia.FragmentedHlsPlaylistAsync(
                video, Directory.CreateDirectory(Path.Combine(_api.DataRoot, $"fmp4-{Guid.NewGuid():N}")).FullName, seconds: 12)),
            "a DASH manifest naming the video in <BaseURL>" => ("clip.mpd", IndirectMedia.DashManifest(video, seconds: 12)),
            _ => ("clip.mp4", $"ffconcat version 1.0\nfile {video}\n"),
        };
        return (fileName, Encoding.UTF8.GetBytes(text));
    }

    private HttpClient Board() => _api.ClientFor(Roles.OversightBoard, BoardName);

    private HttpClient Custodian() => _api.ClientFor(Roles.Custodian, "media-custodian");
}
