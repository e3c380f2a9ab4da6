using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Features.Ingestion.Axis;

/// <summary>
/// The Axis Body Worn Integration API (a Swift subset) as a system controller uses it, over real HTTP, with
/// real videos; what arrives is read back through the evidence API as a custodian.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class AxisIngestionTests(ApiProfile profile)
{
    private static readonly TimeSpan SegmentLength = TimeSpan.FromSeconds(2);

    private EvidenceApiFactory _api = null!;
    private AxisSystemController _controller = null!;
    private HttpClient _custodian = null!;
    private string _categoryId = "";
    private byte[] _firstVideo = [];
    private byte[] _secondVideo = [];

    [OneTimeSetUp]
    public async Task StartApi()
    {
        _api = await EvidenceApiFactory.StartAsync(profile, overNetwork: true);
        _firstVideo = await AxisSite.VideoAsync("testsrc", (int)SegmentLength.TotalSeconds);
        _secondVideo = await AxisSite.VideoAsync("testsrc2", (int)SegmentLength.TotalSeconds);
        _categoryId = await AxisSite.CreateCategoryAsync(_api.ClientFor(Roles.Admin, "ada"), "Use of force");
        _controller = await AxisSite.ConnectAsync(_api, "North");
        await _controller.AuthenticateAsync();
        _custodian = _api.ClientFor(Roles.Custodian, "carol");
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        _controller.Dispose();
        _custodian.Dispose();
        await _api.DisposeAsync();
    }

    [Test]
    public async Task A_connection_file_registers_a_dock_whose_id_and_key_are_the_swift_account()
    {
        using var controller = await AxisSite.ConnectAsync(_api, "East");

        var file = controller.ConnectionFile;
        var (_, storageUrl) = await controller.AuthenticateAsync();

        Assert.That(file.GetRawText(), Has.Length.LessThanOrEqualTo(64 * 1024));
        Assert.That(
            (file.GetProperty("ConnectionFileVersion").GetString(), file.GetProperty("SiteName").GetString(), file.GetProperty("ApplicationName").GetString()),
            Is.EqualTo(("1.0", "East", "BodyCam.Evidence")));
        Assert.That(controller.AuthenticationUri, Is.EqualTo(new Uri(_api.BaseAddress, "/auth/v1.0")));
        Assert.That((file.GetProperty("ContainerType").GetString(), file.GetProperty("FullStoreAndReadSupport").GetBoolean()), Is.EqualTo(("mp4", false)));
        Assert.That(file.GetProperty("ContentDestinationAsNTPServer").GetBoolean(), Is.False);
        Assert.That(file.TryGetProperty("HTTPSCertificate", out _) || file.TryGetProperty("WantEncryption", out _), Is.False, "neither is configured");
        var dockId = Guid.Parse(controller.UserName);
        Assert.That(storageUrl, Does.EndWith("/v1/AUTH_" + dockId.ToString("N")));
        await using var db = _api.OpenDb();
        Assert.That(await db.Docks.Where(d => d.Id == dockId).Select(d => d.Name).SingleAsync(), Is.EqualTo("Axis East"));
        Assert.That(await db.CustodyEvents.AnyAsync(e => e.Action == CustodyAction.DockRegistered && e.Reason!.Contains(controller.UserName)), Is.True);
    }

    [Test]
    public async Task A_system_controller_uploads_a_recording_that_is_verified_probed_and_kept_with_its_track_bookmarks_and_categories()
    {
        using var controller = await AxisSite.ConnectAsync(_api, "South");
        var recording = AxisRecording.New();
        var officerId = "PO-" + Guid.NewGuid().ToString("N")[..6];
        var first = recording.Segment(TimeSpan.Zero, SegmentLength);
        var second = recording.Segment(SegmentLength, SegmentLength);
        var (gnssTrail, gnssPoints) = recording.GnssTrail(1, 2, 3);
        var knownBookmark = AxisRecording.BookmarkName(recording.TriggerOnTime.AddSeconds(1), 1);
        var unknownBookmark = AxisRecording.BookmarkName(recording.TriggerOnTime, 2);
        var retiredCategory = "retired-" + Guid.NewGuid().ToString("N")[..6];
        var systemId = Guid.NewGuid().ToString();

        var (_, storageUrl) = await controller.AuthenticateAsync();

        var capabilities = await controller.GetAsync("System/Capabilities.json");
        var capabilityBytes = await capabilities.Content.ReadAsByteArrayAsync();
        var categories = await controller.GetAsync("System/Categories.json");
        var categoryBytes = await categories.Content.ReadAsByteArrayAsync();

        await (await controller.PutContainerAsync("System")).AssertStatusAsync(HttpStatusCode.Accepted);
        var systemMetadata = new Dictionary<string, string> { ["ConnectionId"] = "conn-" + systemId[..8], ["SystemName"] = "BWS North & Central" };
        await (await controller.PutObjectAsync("System", systemId, [], systemMetadata)).AssertStatusAsync(HttpStatusCode.Created);
        var system = await controller.HeadAsync("System/" + systemId);
        await AxisSite.RegisterOfficerAndCameraAsync(controller, recording, "Åsa Öberg", officerId);

        await (await controller.PutContainerAsync(recording.ContainerName, recording.Metadata)).AssertStatusAsync(HttpStatusCode.Created);
        var secondPut = await controller.PutObjectAsync(recording.ContainerName, second.Name, _secondVideo, second.Metadata);
        var firstPut = await controller.PutObjectAsync(recording.ContainerName, first.Name, _firstVideo, first.Metadata, etag: AxisSystemController.Md5Hex(_firstVideo));
        await (await controller.PutObjectAsync(recording.ContainerName, recording.GnssTrailName, gnssTrail, new Dictionary<string, string> { ["FileType"] = "json" }))
            .AssertStatusAsync(HttpStatusCode.Created);
        await (await controller.PutObjectAsync(recording.ContainerName, knownBookmark, Utf8("Suspect ran towards Möllevångstorget"), new Dictionary<string, string>
        {
            ["CategoryID"] = _categoryId,
            ["CategoryName"] = "Use of force",
            ["Tags"] = "TriggerOn:Button;Priority:High",
            ["StartTime"] = AxisRecording.Iso(recording.TriggerOnTime.AddSeconds(1)),
            ["EndTime"] = AxisRecording.Iso(recording.TriggerOnTime.AddSeconds(3)),
        })).AssertStatusAsync(HttpStatusCode.Created);
        await (await controller.PutObjectAsync(recording.ContainerName, unknownBookmark, [], new Dictionary<string, string>
        {
            ["CategoryID"] = retiredCategory,
            ["CategoryName"] = "Retired category",
            ["StartTime"] = AxisRecording.Iso(recording.TriggerOnTime),
        })).AssertStatusAsync(HttpStatusCode.Created);
        var (completed, everyBusyAnswerSaidWhen) = await controller.CompleteAsync(recording.ContainerName, TimeSpan.FromSeconds(60));

        Assert.That(storageUrl, Does.EndWith("/v1/AUTH_" + Guid.Parse(controller.UserName).ToString("N")));
        Assert.That(int.Parse(controller.TokenExpiresIn!, CultureInfo.InvariantCulture), Is.InRange(1, 3600));
        Assert.That((capabilities.StatusCode, AxisSystemController.Header(capabilities, "ETag")), Is.EqualTo((HttpStatusCode.OK, AxisSystemController.Md5Hex(capabilityBytes))));
        var capability = JsonSerializer.Deserialize<JsonElement>(capabilityBytes);
        Assert.That(
            new[]
            {
                capability.GetProperty("StoreAndRead").GetProperty("StoreReadSystemID").GetBoolean(),
                capability.GetProperty("Store").GetProperty("StoreUserIDKey").GetBoolean(),
                capability.GetProperty("Store").GetProperty("StoreBookmarks").GetBoolean(),
                capability.GetProperty("Store").GetProperty("StoreGNSSTrackRecording").GetBoolean(),
                capability.GetProperty("Store").GetProperty("StoreRejectedContent").GetBoolean(),
                capability.GetProperty("Read").GetProperty("ReadCategories").GetBoolean(),
            },
            Is.All.True);
        Assert.That((categories.StatusCode, AxisSystemController.Header(categories, "ETag")), Is.EqualTo((HttpStatusCode.OK, AxisSystemController.Md5Hex(categoryBytes))));
        Assert.That(
            JsonSerializer.Deserialize<JsonElement>(categoryBytes).EnumerateArray().Select(c => (c.GetProperty("Id").GetString(), c.GetProperty("Name").GetString())),
            Does.Contain((_categoryId, "Use of force")));
        Assert.That(system.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(
            (DecodedHeader(system, "X-Object-Meta-Connectionid"), DecodedHeader(system, "X-Object-Meta-Systemname")),
            Is.EqualTo((systemMetadata["ConnectionId"], systemMetadata["SystemName"])));
        foreach (var (put, video) in new[] { (firstPut, _firstVideo), (secondPut, _secondVideo) })
        {
            await put.AssertStatusAsync(HttpStatusCode.Created);
            Assert.That(AxisSystemController.Header(put, "ETag"), Is.EqualTo(AxisSystemController.Md5Hex(video)));
        }
        await completed.AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.That(everyBusyAnswerSaidWhen, Is.True, "every 503 to the Complete POST carries Retry-After");

        var stored = await RecordingAsync(recording.BwcSerial);
        Assert.That(
            (Text(stored, "containerName"), Text(stored, "officerId"), Text(stored, "deviceSerial"), Text(stored, "scuSerial"), Text(stored, "status")),
            Is.EqualTo((recording.ContainerName, officerId, recording.BwcSerial, recording.ScuSerial, "Complete")));
        Assert.That((stored.GetProperty("triggerOnTime").GetDateTimeOffset(), stored.GetProperty("rejected").GetBoolean()), Is.EqualTo((recording.TriggerOnTime, false)));
        Assert.That(Metadata(stored, "TimeZone"), Is.EqualTo("Europe/Stockholm"));

        var segments = stored.GetProperty("clips").EnumerateArray().ToList();
        Assert.That(segments.Select(c => Text(c, "objectName")), Is.EqualTo(new[] { first.Name, second.Name }), "clips in start order");
        Assert.That(segments.Select(c => Text(c, "status")), Is.All.EqualTo("Verified"));
        Assert.That(
            segments.Select(c => (c.GetProperty("startTime").GetDateTimeOffset(), c.GetProperty("stopTime").GetDateTimeOffset())),
            Is.EqualTo(new[] { (first.Start, first.Stop), (second.Start, second.Stop) }));
        var objects = stored.GetProperty("objects").EnumerateArray().ToDictionary(o => Text(o, "name")!);
        Assert.That(objects.Keys, Is.SupersetOf(new[] { first.Name, second.Name, recording.GnssTrailName, knownBookmark, unknownBookmark }));
        Assert.That(
            new[] { first.Name, second.Name }.Select(name => (Text(objects[name], "sha256"), objects[name].GetProperty("bytes").GetInt64())),
            Is.EqualTo(new[] { (Sha256(_firstVideo), (long)_firstVideo.Length), (Sha256(_secondVideo), (long)_secondVideo.Length) }));

        var track = Track(stored.GetProperty("gnssTrack"));
        Assert.That(track, Is.EqualTo(gnssPoints.Select(Rounded)));

        var bookmarks = stored.GetProperty("bookmarks").EnumerateArray().ToDictionary(b => Text(b, "objectName")!);
        Assert.That(bookmarks.Keys, Is.EquivalentTo(new[] { knownBookmark, unknownBookmark }));
        var bookmark = bookmarks[knownBookmark];
        Assert.That(
            (Text(bookmark, "text"), Text(bookmark, "categoryId"), Text(bookmark, "categoryName")),
            Is.EqualTo(("Suspect ran towards Möllevångstorget", _categoryId, "Use of force")));
        Assert.That(
            (bookmark.GetProperty("startTime").GetDateTimeOffset(), bookmark.GetProperty("endTime").GetDateTimeOffset()),
            Is.EqualTo((recording.TriggerOnTime.AddSeconds(1), recording.TriggerOnTime.AddSeconds(3))));
        Assert.That(bookmark.GetProperty("tags").GetRawText(), Does.Contain("TriggerOn").And.Contain("Button").And.Contain("Priority"));
        Assert.That(Text(bookmarks[unknownBookmark], "categoryId"), Is.EqualTo(retiredCategory));

        Assert.That(
            stored.GetProperty("categories").EnumerateArray().Select(c => (Text(c, "id"), c.GetProperty("known").GetBoolean())),
            Is.EquivalentTo(new[] { (_categoryId, true), (retiredCategory, false) }));
        Assert.That(
            stored.GetProperty("categories").EnumerateArray().Where(c => Text(c, "id") == _categoryId).Select(c => Text(c, "name")),
            Is.EqualTo(new[] { "Use of force" }));

        foreach (var (segment, video) in new[] { (segments[0], _firstVideo), (segments[1], _secondVideo) })
        {
            var evidenceId = Text(segment, "evidenceId")!;
            var item = await PollEvidenceAsync(evidenceId, e => Text(e, "probeStatus") != "Pending");
            Assert.That((Text(item, "status"), Text(item, "streamSha256")), Is.EqualTo(("Verified", Sha256(video))));
            Assert.That(Text(item, "probeStatus"), Is.EqualTo("Probed"));
            Assert.That(item.GetProperty("media").GetProperty("durationSeconds").GetDouble(), Is.EqualTo(SegmentLength.TotalSeconds).Within(0.2));
            Assert.That(item.GetProperty("recordingId").ToString(), Is.EqualTo(stored.GetProperty("id").ToString()));
            Assert.That(
                item.GetProperty("categories").EnumerateArray().Select(c => (Text(c, "id"), Text(c, "name"), c.GetProperty("known").GetBoolean())),
                Is.EquivalentTo(new[] { (_categoryId, "Use of force", true), (retiredCategory, "Retired category", false) }),
                "a clip carries its recording's categories, an unknown one under the name the camera sent");
            var segmentTrack = GeoJsonTrack(item.GetProperty("gnssTrack"));
            Assert.That(segmentTrack, Is.Not.Empty.And.SubsetOf(track), "a clip carries its recording's track");
            var segmentBookmarks = item.GetProperty("recordingBookmarks").EnumerateArray().ToDictionary(b => Text(b, "objectName")!);
            Assert.That(segmentBookmarks.Keys, Is.EquivalentTo(new[] { knownBookmark, unknownBookmark }));
            Assert.That(
                (segmentBookmarks[knownBookmark].GetProperty("startTime").GetDateTimeOffset(), segmentBookmarks[knownBookmark].GetProperty("endTime").GetDateTimeOffset()),
                Is.EqualTo((recording.TriggerOnTime.AddSeconds(1), recording.TriggerOnTime.AddSeconds(3))),
                "a clip's camera bookmarks carry their times as the recording has them");

            var custody = await (await _custodian.GetAsync($"/api/evidence/{evidenceId}/custody")).ReadAsync<CustodyReport>(HttpStatusCode.OK);
            var received = custody.Events.Single(e => e.Action == nameof(CustodyAction.Received));
            Assert.That((Guid.Parse(received.ActorId), received.ActorKind), Is.EqualTo((Guid.Parse(controller.UserName), "Dock")), "the dock received it");
            Assert.That(received.ContentSha256, Is.EqualTo(Sha256(video)));
            Assert.That(received.Reason, Does.Contain(recording.ScuSerial), "the reason names the system controller it came through");
            var verified = custody.Events.Single(e => e.Action == nameof(CustodyAction.Verified));
            Assert.That((verified.ContentSha256, verified.Outcome), Is.EqualTo((Sha256(video), nameof(CustodyOutcome.Succeeded))));
            Assert.That(
                custody.Events.Where(e => e.Action == nameof(CustodyAction.CategoriesAssigned)).Select(e => e.Reason),
                Is.EqualTo(new[]
                {
                    $"categories (none) → {_categoryId}; from bookmark '{knownBookmark}'; recording {recording.ContainerName}, sent by system controller {recording.ScuSerial}",
                    $"categories {_categoryId} → {_categoryId}, {retiredCategory}; from bookmark '{unknownBookmark}'; recording {recording.ContainerName}, sent by system controller {recording.ScuSerial}",
                }),
                "each bookmark's category is carried to the clips already received, as a custody event of each clip");
        }
    }

    [Test]
    public async Task A_clip_that_arrives_after_a_bookmark_carries_the_bookmarks_category()
    {
        var recording = await StartRecordingAsync();
        var segment = recording.Segment(TimeSpan.Zero, SegmentLength);
        var bookmark = AxisRecording.BookmarkName(recording.TriggerOnTime, 1);
        await (await _controller.PutObjectAsync(recording.ContainerName, bookmark, Utf8("Marked before the clip"), new Dictionary<string, string>
        {
            ["CategoryID"] = _categoryId,
            ["StartTime"] = AxisRecording.Iso(recording.TriggerOnTime),
        })).AssertStatusAsync(HttpStatusCode.Created);

        await (await _controller.PutObjectAsync(recording.ContainerName, segment.Name, _firstVideo, segment.Metadata)).AssertStatusAsync(HttpStatusCode.Created);

        await using var db = _api.OpenDb();
        var evidenceId = await db.RecordingObjects.Where(o => o.Name == segment.Name && o.EvidenceId != null).Select(o => o.EvidenceId!.Value).SingleAsync();
        Assert.That(
            await db.EvidenceCategories.Where(c => c.EvidenceId == evidenceId).Select(c => c.CategoryId).ToListAsync(),
            Is.EqualTo(new[] { _categoryId }), "search by category and retention read evidence_categories");
        var assigned = await db.CustodyEvents.SingleAsync(e => e.EvidenceId == evidenceId && e.Action == CustodyAction.CategoriesAssigned);
        Assert.That(assigned.Reason, Does.StartWith($"categories (none) → {_categoryId}; from the upload's metadata and the recording's bookmarks"));
    }

    [Test]
    public async Task A_recording_container_put_again_is_202()
    {
        var recording = await StartRecordingAsync();

        var again = await _controller.PutContainerAsync(recording.ContainerName, recording.Metadata);

        await again.AssertStatusAsync(HttpStatusCode.Accepted);
        Assert.That(Text(await RecordingAsync(recording.BwcSerial), "containerName"), Is.EqualTo(recording.ContainerName), "still one recording");
    }

    [Test]
    public async Task Url_encoded_metadata_values_are_decoded_and_kept()
    {
        var recording = AxisRecording.New();
        recording.Metadata["TriggerOn"] = "Knapp/Button; 100% säker: \"ja\" & klart";
        recording.Metadata["FirmwareVersion"] = "11.8.63 (β) — 東京";
        recording.Metadata["TriggerOnLocation"] = "55.605870,13.003822,3.5,1704110400";
        await AxisSite.RegisterOfficerAndCameraAsync(_controller, recording, "Zoë Ærø-Ångström");

        await (await _controller.PutContainerAsync(recording.ContainerName, recording.Metadata)).AssertStatusAsync(HttpStatusCode.Created);

        var stored = await RecordingAsync(recording.BwcSerial);
        Assert.That(
            new[] { "TriggerOn", "FirmwareVersion", "TriggerOnLocation", "TimeZone", "TriggerOnTimeISO" }.Select(key => Metadata(stored, key)),
            Is.EqualTo(new[] { "TriggerOn", "FirmwareVersion", "TriggerOnLocation", "TimeZone", "TriggerOnTimeISO" }.Select(key => recording.Metadata[key])));
    }

    [Test]
    public async Task Rejected_content_of_an_unknown_officer_and_camera_is_kept_apart_flagged_and_verified()
    {
        var original = AxisRecording.New();
        var rejectedAt = new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var container = $"RejectedContent_{AxisRecording.Stamp(rejectedAt)}_{Guid.NewGuid()}";
        var metadata = new Dictionary<string, string>(original.Metadata)
        {
            ["ContainerName"] = container,
            ["RejectedContentOriginalContainer"] = original.ContainerName,
            ["RejectedContentTime"] = AxisRecording.Iso(rejectedAt),
            ["RejectedContentReason"] = "User does not exist in the content destination",
        };
        metadata.Remove("Status");
        var segment = original.Segment(TimeSpan.Zero, SegmentLength);
        segment.Metadata["RejectedContentOriginalContainer"] = original.ContainerName;

        var created = await _controller.PutContainerAsync(container, metadata);
        var put = await _controller.PutObjectAsync(container, segment.Name, _firstVideo, segment.Metadata);

        await created.AssertStatusAsync(HttpStatusCode.Created);
        await put.AssertStatusAsync(HttpStatusCode.Created);
        Assert.That(AxisSystemController.Header(put, "ETag"), Is.EqualTo(AxisSystemController.Md5Hex(_firstVideo)));
        var listed = await (await _custodian.GetAsync("/api/recordings?rejected=true&limit=100")).ReadAsync<JsonElement>(HttpStatusCode.OK);
        var summary = listed.GetProperty("items").EnumerateArray().Single(r => Text(r, "containerName") == container);
        var stored = await (await _custodian.GetAsync($"/api/recordings/{summary.GetProperty("id")}")).ReadAsync<JsonElement>(HttpStatusCode.OK);
        Assert.That(stored.GetProperty("rejected").GetBoolean(), Is.True);
        Assert.That(
            (Text(stored, "rejectedReason"), Text(stored, "originalContainer")),
            Is.EqualTo(("User does not exist in the content destination", original.ContainerName)));
        var evidenceId = Text(stored.GetProperty("clips").EnumerateArray().Single(), "evidenceId")!;
        var item = await PollEvidenceAsync(evidenceId, e => Text(e, "status") != "Received");
        Assert.That((Text(item, "status"), Text(item, "streamSha256")), Is.EqualTo(("Verified", Sha256(_firstVideo))));
    }

    [Test]
    public async Task Posting_object_metadata_replaces_it()
    {
        var systemId = Guid.NewGuid().ToString();
        await (await _controller.PutContainerAsync("System")).AssertStatusAsync(HttpStatusCode.Accepted);
        await (await _controller.PutObjectAsync("System", systemId, [], new Dictionary<string, string> { ["ConnectionId"] = "c-1", ["SystemName"] = "Old name" }))
            .AssertStatusAsync(HttpStatusCode.Created);

        var posted = await _controller.PostObjectAsync("System", systemId, new Dictionary<string, string> { ["ConnectionId"] = "c-1", ["SystemName"] = "Nytt namn å" });

        await posted.AssertStatusAsync(HttpStatusCode.Accepted);
        var head = await _controller.HeadAsync("System/" + systemId);
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(DecodedHeader(head, "X-Object-Meta-Systemname"), Is.EqualTo("Nytt namn å"));
    }

    [TestCase("DELETE")]
    [TestCase("COPY")]
    public async Task A_method_the_api_does_not_use_is_400_and_the_clip_is_kept(string method)
    {
        var (recording, segment) = await UploadSegmentAsync();
        var request = _controller.CreateRequest(new HttpMethod(method), $"{recording.ContainerName}/{segment.Name}");
        if (method == "COPY")
        {
            request.Headers.TryAddWithoutValidation("Destination", $"{recording.ContainerName}/copy.mp4");
        }

        var response = await _controller.SendAsync(request);

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.That((await _controller.HeadAsync($"{recording.ContainerName}/{segment.Name}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_wrong_key_is_401_and_a_custody_event()
    {
        var response = await RecordsAuthenticationFailureAsync(() => _controller.RequestTokenAsync(_controller.UserName, "not-the-key"));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(AxisSystemController.Header(response, "X-Auth-Token"), Is.Null);
    }

    [Test]
    public async Task A_token_request_without_a_user_is_401_and_a_custody_event()
    {
        var response = await RecordsAuthenticationFailureAsync(() => _controller.RequestTokenAsync(null, _controller.Key));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_storage_request_without_a_token_is_401_and_a_custody_event()
    {
        var response = await RecordsAuthenticationFailureAsync(() =>
        {
            var request = _controller.CreateRequest(HttpMethod.Get, "System/Capabilities.json");
            request.Headers.Remove("X-Auth-Token");
            return _controller.SendAsync(request);
        });

        await response.AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_storage_request_with_a_made_up_token_is_401_and_a_custody_event()
    {
        var response = await RecordsAuthenticationFailureAsync(() =>
        {
            var request = _controller.CreateRequest(HttpMethod.Put, "Users");
            request.Headers.Remove("X-Auth-Token");
            request.Headers.TryAddWithoutValidation("X-Auth-Token", "AUTH_tk" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            return _controller.SendAsync(request);
        });

        await response.AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_clip_cannot_be_read_back_over_the_swift_api()
    {
        var (recording, segment) = await UploadSegmentAsync();

        var response = await _controller.GetAsync($"{recording.ContainerName}/{segment.Name}");

        await response.AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Not.EqualTo(_firstVideo));
    }

    [Test]
    public async Task A_user_object_cannot_be_read_back_over_the_swift_api()
    {
        var userUuid = Guid.NewGuid().ToString();
        await AxisSite.RegisterOfficerAsync(_controller, userUuid, "Björn Nilsson");

        var response = await _controller.GetAsync("Users/" + userUuid);

        await response.AssertStatusAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_token_used_on_another_docks_account_is_403()
    {
        using var other = await AxisSite.ConnectAsync(_api, "West");
        await other.AuthenticateAsync();
        var read = new HttpRequestMessage(HttpMethod.Get, other.StorageUri("System/Capabilities.json"));
        read.Headers.TryAddWithoutValidation("X-Auth-Token", _controller.Token);
        var write = new HttpRequestMessage(HttpMethod.Put, other.StorageUri("Users"));
        write.Headers.TryAddWithoutValidation("X-Auth-Token", _controller.Token);

        var readResponse = await _controller.SendAsync(read);
        var writeResponse = await _controller.SendAsync(write);

        await readResponse.AssertStatusAsync(HttpStatusCode.Forbidden);
        await writeResponse.AssertStatusAsync(HttpStatusCode.Forbidden);
        Assert.That((await other.GetAsync("System/Capabilities.json")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the account's own token still works");
    }

    [Test]
    public async Task An_object_put_into_a_container_never_created_is_404()
    {
        var recording = AxisRecording.New();
        await AxisSite.RegisterOfficerAndCameraAsync(_controller, recording, "Nils Holm");
        var segment = recording.Segment(TimeSpan.Zero, SegmentLength);

        var response = await _controller.PutObjectAsync(recording.ContainerName, segment.Name, _firstVideo, segment.Metadata);

        await response.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.That(await RecordingsOfAsync(recording.BwcSerial), Is.Empty);
    }

    [Test]
    public async Task Head_of_an_unknown_object_is_404()
    {
        var recording = await StartRecordingAsync();
        await (await _controller.PutContainerAsync("System")).AssertStatusAsync(HttpStatusCode.Accepted);

        var unknownSystem = await _controller.HeadAsync("System/" + Guid.NewGuid());
        var unknownSegment = await _controller.HeadAsync($"{recording.ContainerName}/20240101_120000_0001.mp4");

        Assert.That((unknownSystem.StatusCode, unknownSegment.StatusCode), Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.NotFound)));
    }

    [Test]
    public async Task A_recording_of_an_officer_the_server_does_not_know_is_400_naming_UserID()
    {
        var recording = AxisRecording.New();
        await AxisSite.RegisterCameraAsync(_controller, recording.BwcSerial);

        var response = await _controller.PutContainerAsync(recording.ContainerName, recording.Metadata);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetRawText(), Does.Contain("UserID"));
        Assert.That(await RecordingsOfAsync(recording.BwcSerial), Is.Empty);
    }

    [Test]
    public async Task A_recording_from_a_camera_the_server_does_not_know_is_400_naming_BWCSerialNumber()
    {
        var recording = AxisRecording.New();
        await AxisSite.RegisterOfficerAsync(_controller, recording.UserUuid, "Karin Lund");

        var response = await _controller.PutContainerAsync(recording.ContainerName, recording.Metadata);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetRawText(), Does.Contain("BWCSerialNumber"));
        Assert.That(await RecordingsOfAsync(recording.BwcSerial), Is.Empty);
    }

    [TestCase("Evidence")]
    [TestCase("not_a_recording")]
    public async Task A_container_that_is_neither_a_recording_nor_a_known_container_is_400(string name)
    {
        var response = await _controller.PutContainerAsync(name);

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_clip_whose_ETag_does_not_match_its_bytes_is_422_and_nothing_is_kept()
    {
        var recording = await StartRecordingAsync();
        var segment = recording.Segment(TimeSpan.Zero, SegmentLength);
        var itemsBefore = await EvidenceItemCountAsync();

        var response = await _controller.PutObjectAsync(recording.ContainerName, segment.Name, _firstVideo, segment.Metadata, etag: AxisSystemController.Md5Hex(_secondVideo));

        await response.AssertStatusAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(await EvidenceItemCountAsync(), Is.EqualTo(itemsBefore), "no evidence item");
        Assert.That((await _controller.HeadAsync($"{recording.ContainerName}/{segment.Name}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var stored = await RecordingAsync(recording.BwcSerial);
        Assert.That(stored.GetProperty("clips").GetArrayLength(), Is.Zero);
        Assert.That(stored.GetProperty("objects").EnumerateArray().Select(o => Text(o, "name")), Does.Not.Contain(segment.Name));
    }

    [Test]
    public async Task A_clip_whose_times_come_only_as_epoch_seconds_is_kept_under_them()
    {
        var recording = await StartRecordingAsync(withSegmentTimes: false);
        var segment = recording.Segment(TimeSpan.FromSeconds(3), SegmentLength);
        segment.Metadata.Remove("StartTimeISO");
        segment.Metadata.Remove("StopTimeISO");

        var response = await _controller.PutObjectAsync(recording.ContainerName, segment.Name, _firstVideo, segment.Metadata);

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var stored = (await RecordingAsync(recording.BwcSerial)).GetProperty("clips").EnumerateArray().Single();
        Assert.That(
            (stored.GetProperty("startTime").GetDateTimeOffset(), stored.GetProperty("stopTime").GetDateTimeOffset()),
            Is.EqualTo((segment.Start, segment.Stop)));
    }

    [Test]
    public async Task A_clip_sent_with_both_forms_of_a_time_is_kept_under_the_RFC_3339_one_to_its_fraction_of_a_second()
    {
        var recording = await StartRecordingAsync(withSegmentTimes: false);
        var segment = recording.Segment(TimeSpan.Zero, SegmentLength);
        var start = segment.Start.AddMilliseconds(750);
        segment.Metadata["StartTimeISO"] = start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        var response = await _controller.PutObjectAsync(recording.ContainerName, segment.Name, _firstVideo, segment.Metadata);

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var stored = (await RecordingAsync(recording.BwcSerial)).GetProperty("clips").EnumerateArray().Single();
        Assert.That(stored.GetProperty("startTime").GetDateTimeOffset(), Is.EqualTo(start));
    }

    [TestCase("StartTime", "1704110400000", Description = "milliseconds")]
    [TestCase("StartTime", "-1704110400")]
    [TestCase("StartTime", "1704110400.5")]
    [TestCase("StopTime", "yesterday")]
    [TestCase("StartTimeISO", "1704110400")]
    public async Task A_clip_time_that_cannot_be_read_is_400_naming_its_header_and_nothing_is_kept(string key, string value)
    {
        var recording = await StartRecordingAsync(withSegmentTimes: false);
        var segment = recording.Segment(TimeSpan.Zero, SegmentLength);
        segment.Metadata.Remove(key.EndsWith("ISO", StringComparison.Ordinal) ? key[..^3] : key + "ISO");
        segment.Metadata[key] = value;

        var response = await _controller.PutObjectAsync(recording.ContainerName, segment.Name, _firstVideo, segment.Metadata);

        await AssertSegmentRefusedNamingAsync(response, recording, segment, "X-Object-Meta-" + key);
    }

    [TestCase("StartTime", 5)]
    [TestCase("StopTime", -1)]
    public async Task A_clip_whose_epoch_and_RFC_3339_times_name_different_seconds_is_400_naming_the_epoch_header_and_nothing_is_kept(
        string key, int secondsOff)
    {
        var recording = await StartRecordingAsync(withSegmentTimes: false);
        var segment = recording.Segment(TimeSpan.Zero, SegmentLength);
        var sent = key == "StartTime" ? segment.Start : segment.Stop;
        segment.Metadata[key] = AxisRecording.Epoch(sent.AddSeconds(secondsOff));

        var response = await _controller.PutObjectAsync(recording.ContainerName, segment.Name, _firstVideo, segment.Metadata);

        await AssertSegmentRefusedNamingAsync(response, recording, segment, "X-Object-Meta-" + key);
    }

    [Test]
    public async Task A_malformed_gnss_trail_is_400()
    {
        var recording = await StartRecordingAsync();

        var response = await _controller.PutObjectAsync(
            recording.ContainerName, recording.GnssTrailName, Utf8("{\"CoordinateEntries\":[{\"LocationWKT\":\"POINT(13.2"), new Dictionary<string, string> { ["FileType"] = "json" });

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>
    /// Registers a new officer and camera and PUTs their recording's container; without <paramref name="withSegmentTimes"/>
    /// the container carries no start and stop, so a clip has only its own times.
    /// </summary>
    private async Task<AxisRecording> StartRecordingAsync(bool withSegmentTimes = true)
    {
        var recording = AxisRecording.New();
        if (!withSegmentTimes)
        {
            recording.Metadata.Remove("StartTimeISO");
            recording.Metadata.Remove("StopTimeISO");
        }
        await AxisSite.RegisterOfficerAndCameraAsync(_controller, recording, "Lars Ek");
        await (await _controller.PutContainerAsync(recording.ContainerName, recording.Metadata)).AssertStatusAsync(HttpStatusCode.Created);
        return recording;
    }

    private async Task<(AxisRecording Recording, RecordedSegment Clip)> UploadSegmentAsync()
    {
        var recording = await StartRecordingAsync();
        var segment = recording.Segment(TimeSpan.Zero, SegmentLength);
        await (await _controller.PutObjectAsync(recording.ContainerName, segment.Name, _firstVideo, segment.Metadata)).AssertStatusAsync(HttpStatusCode.Created);
        return (recording, segment);
    }

    private async Task AssertSegmentRefusedNamingAsync(HttpResponseMessage response, AxisRecording recording, RecordedSegment segment, string header)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { header }), problem.GetRawText());
        Assert.That((await _controller.HeadAsync($"{recording.ContainerName}/{segment.Name}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var stored = await RecordingAsync(recording.BwcSerial);
        Assert.That((stored.GetProperty("clips").GetArrayLength(), stored.GetProperty("objects").GetArrayLength()), Is.EqualTo((0, 0)));
    }

    /// <summary>Sends, asserts that the server recorded at least one AuthenticationFailed custody event for it, and returns the answer.</summary>
    private async Task<HttpResponseMessage> RecordsAuthenticationFailureAsync(Func<Task<HttpResponseMessage>> send)
    {
        long before;
        await using (var db = _api.OpenDb())
        {
            before = await LastSequenceAsync(db);
        }

        var response = await send();

        await using var reader = _api.OpenDb();
        var failures = await reader.CustodyEvents.Where(e => e.Sequence > before && e.Action == CustodyAction.AuthenticationFailed).ToListAsync();
        Assert.That(failures, Is.Not.Empty, "the failure is a custody event");
        Assert.That(failures.Select(e => e.Outcome), Is.All.EqualTo(CustodyOutcome.Denied));
        return response;
    }

    private static async Task<long> LastSequenceAsync(EvidenceDb db) => await db.CustodyEvents.MaxAsync(e => (long?)e.Sequence) ?? -1;

    private static EvidenceDb OpenDb(WebApplicationFactory<Program> api) => api.Services.CreateScope().ServiceProvider.GetRequiredService<EvidenceDb>();

    private async Task<int> EvidenceItemCountAsync()
    {
        await using var db = _api.OpenDb();
        return await db.EvidenceItems.CountAsync();
    }

    private async Task<List<JsonElement>> RecordingsOfAsync(string deviceSerial)
    {
        var list = await (await _custodian.GetAsync($"/api/recordings?deviceSerial={Uri.EscapeDataString(deviceSerial)}")).ReadAsync<JsonElement>(HttpStatusCode.OK);
        return [.. list.GetProperty("items").EnumerateArray()];
    }

    /// <summary>The one recording of the camera, as a custodian reads it.</summary>
    private async Task<JsonElement> RecordingAsync(string deviceSerial)
    {
        var summaries = await RecordingsOfAsync(deviceSerial);
        Assert.That(summaries, Has.Count.EqualTo(1), $"one recording from {deviceSerial}");
        return await (await _custodian.GetAsync($"/api/recordings/{summaries[0].GetProperty("id")}")).ReadAsync<JsonElement>(HttpStatusCode.OK);
    }

    /// <summary>Reads the evidence item until <paramref name="settled"/> holds or 60 s pass, and returns the last answer.</summary>
    private async Task<JsonElement> PollEvidenceAsync(string evidenceId, Func<JsonElement, bool> settled)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var item = await (await _custodian.GetAsync($"/api/evidence/{evidenceId}")).ReadAsync<JsonElement>(HttpStatusCode.OK);
            if (settled(item) || DateTime.UtcNow > deadline)
            {
                return item;
            }
            await Task.Delay(200);
        }
    }

    private static string? Text(JsonElement element, string property) => element.GetProperty(property).GetString();

    /// <summary>A metadata value by its key; header names are case-insensitive, so the key's case is not the server's to keep.</summary>
    private static string? Metadata(JsonElement recording, string key) =>
        recording.GetProperty("metadata").EnumerateObject()
            .Where(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Value.GetString())
            .SingleOrDefault();

    private static List<(double Longitude, double Latitude, double SecondsFromStart, DateTimeOffset Timestamp)> Track(JsonElement points) =>
        [.. points.EnumerateArray().Select(p => Rounded(new GnssPoint(
            p.GetProperty("longitude").GetDouble(),
            p.GetProperty("latitude").GetDouble(),
            p.GetProperty("secondsFromStart").GetDouble(),
            p.GetProperty("timestamp").GetDateTimeOffset())))];

    /// <summary>The evidence detail's GeoJSON Feature, read back into points: positions, with times and offsets index for index.</summary>
    private static List<(double Longitude, double Latitude, double SecondsFromStart, DateTimeOffset Timestamp)> GeoJsonTrack(JsonElement feature)
    {
        Assert.That((Text(feature, "type"), Text(feature.GetProperty("geometry"), "type")), Is.EqualTo(("Feature", "LineString")));
        var positions = feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().ToList();
        var times = feature.GetProperty("properties").GetProperty("coordTimes").EnumerateArray().ToList();
        var seconds = feature.GetProperty("properties").GetProperty("secondsFromStart").EnumerateArray().ToList();
        Assert.That((times.Count, seconds.Count), Is.EqualTo((positions.Count, positions.Count)));
        return [.. positions.Select((p, i) => Rounded(new GnssPoint(p[0].GetDouble(), p[1].GetDouble(), seconds[i].GetDouble(), times[i].GetDateTimeOffset())))];
    }

    private static (double, double, double, DateTimeOffset) Rounded(GnssPoint point) =>
        (Math.Round(point.Longitude, 6), Math.Round(point.Latitude, 6), point.SecondsFromStart, point.Timestamp);

    /// <summary>Metadata comes back URL-encoded, as it was sent.</summary>
    private static string? DecodedHeader(HttpResponseMessage response, string name) =>
        AxisSystemController.Header(response, name) is { } value ? Uri.UnescapeDataString(value) : null;

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

}
