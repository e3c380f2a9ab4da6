using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Ingestion;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Features.Ingestion;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Features.Ingestion.Tus;

/// <summary>tus 1.0 ingestion over real HTTP, with the real tus-js-client and with hand-made requests for each protocol rule.</summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class TusIngestionTests(ApiProfile profile)
{
    private EvidenceApiFactory _api = null!;
    private string _dockKey = "";
    private HttpClient _dock = null!;

    /// <summary>Small blocks make every upload here span many of them, and let a test see one commit before the body ends.</summary>
    private const string SmallBlocks = "262144";

    private Uri Endpoint => new(_api.BaseAddress, "/ingest/tus/");

    [OneTimeSetUp]
    public async Task StartApi()
    {
        _api = await EvidenceApiFactory.StartAsync(profile, overNetwork: true, ("Ingestion:BlockSizeBytes", SmallBlocks));
        _dockKey = await _api.RegisterDockAsync();
        _dock = Tus(_api.DockClient(_dockKey));
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        _dock.Dispose();
        await _api.DisposeAsync();
    }

    [Test]
    public async Task A_recording_sent_by_tus_js_client_is_verified_and_stored_byte_for_byte()
    {
        using var recording = Recording.Random((20 * 1024 * 1024) + 12345);

        var url = await TusJsClient.UploadAsync(Endpoint, recording.Path, new
        {
            chunkSize = 5 * 1024 * 1024,
            metadata = recording.Metadata(),
            headers = new Dictionary<string, string> { ["X-Dock-Key"] = _dockKey },
        });

        var status = await _dock.WaitUntilSettledAsync(UploadId(url));
        Assert.That((status.Status, status.Sha256, status.Bytes), Is.EqualTo(("Verified", recording.Sha256, recording.Length)));
        Assert.That(await StoredSha256Async(status.EvidenceId), Is.EqualTo(recording.Sha256));
        var item = await (await _api.ClientFor(Roles.Custodian, "carol").GetAsync($"/api/evidence/{status.EvidenceId}")).ReadAsync<EvidenceItemDetails>(HttpStatusCode.OK);
        Assert.That((item.StreamSha256, item.StoredSha256, item.DeclaredSha256), Is.EqualTo((recording.Sha256, recording.Sha256, recording.Sha256)));
        Assert.That((item.DeviceSerial, item.OfficerId, item.RecordedStart), Is.EqualTo(("X60-000123", "officer-7", DateTimeOffset.Parse("2026-11-26T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.That(await CustodyActionsAsync(status.EvidenceId), Is.SupersetOf(new[] { CustodyAction.UploadStarted, CustodyAction.Received, CustodyAction.Verified }));
    }

    [Test]
    public async Task Creation_with_upload_by_tus_js_client_stores_the_same_bytes()
    {
        using var recording = Recording.Random((3 * 1024 * 1024) + 7);

        var url = await TusJsClient.UploadAsync(Endpoint, recording.Path, new
        {
            chunkSize = 1024 * 1024,
            uploadDataDuringCreation = true,
            metadata = recording.Metadata(),
            headers = new Dictionary<string, string> { ["X-Dock-Key"] = _dockKey },
        });

        var status = await _dock.WaitUntilSettledAsync(UploadId(url));
        Assert.That((status.Status, status.Bytes), Is.EqualTo(("Verified", recording.Length)));
        Assert.That(await StoredSha256Async(status.EvidenceId), Is.EqualTo(recording.Sha256));
    }

    [Test]
    public async Task An_upload_whose_length_is_declared_late_completes_when_it_is_reached()
    {
        using var recording = Recording.Random(700_000);
        var bytes = await File.ReadAllBytesAsync(recording.Path);
        var creation = new HttpRequestMessage(HttpMethod.Post, "/ingest/tus/") { Content = new ByteArrayContent(bytes[..300_000]) };
        creation.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        creation.Headers.Add("Upload-Defer-Length", "1");
        creation.Headers.Add("Upload-Metadata", Recording.MetadataHeader(recording.Metadata()));

        var created = await _dock.SendAsync(creation);
        var upload = new Uri(_api.BaseAddress, created.Headers.Location!);
        var deferredHead = await _dock.SendAsync(new HttpRequestMessage(HttpMethod.Head, upload));
        var middle = await PatchAsync(upload, 300_000, bytes[300_000..600_000]);
        var last = PatchRequest(upload, "600000", new ByteArrayContent(bytes[600_000..]));
        last.Headers.Add("Upload-Length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var final = await _dock.SendAsync(last);

        Assert.That((created.StatusCode, Header(created, "Upload-Offset")), Is.EqualTo((HttpStatusCode.Created, "300000")));
        Assert.That((Header(deferredHead, "Upload-Defer-Length"), Header(deferredHead, "Upload-Length")), Is.EqualTo(("1", (string?)null)));
        Assert.That((middle.StatusCode, final.StatusCode, Header(final, "Upload-Offset")), Is.EqualTo((HttpStatusCode.NoContent, HttpStatusCode.NoContent, "700000")));
        var status = await _dock.WaitUntilSettledAsync(UploadId(upload));
        Assert.That((status.Status, status.Sha256), Is.EqualTo(("Verified", recording.Sha256)));
    }

    [Test]
    public async Task A_real_video_is_probed_for_its_media_facts_and_gets_a_poster()
    {
        var video = Path.Combine(Path.GetTempPath(), $"bodycam-video-{Guid.NewGuid():N}.mp4");
        await LocalServices.RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=3:size=320x240:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", video);
        using var recording = Recording.FromFile(video);

        var url = await TusJsClient.UploadAsync(Endpoint, recording.Path, new
        {
            metadata = recording.Metadata(),
            headers = new Dictionary<string, string> { ["X-Dock-Key"] = _dockKey },
        });

        var status = await _dock.WaitUntilSettledAsync(UploadId(url));
        var item = await WaitForProbeAsync(status.EvidenceId);
        Assert.That(item.ProbeStatus, Is.EqualTo("Probed"));
        Assert.That((item.Media.Width, item.Media.Height, item.Media.FrameRate, item.Media.VideoCodec, item.Media.AudioCodec),
            Is.EqualTo(((int?)320, (int?)240, (double?)25, "h264", "aac")));
        Assert.That(item.Media.DurationSeconds, Is.EqualTo(3).Within(0.1));
        Assert.That(item.HasPoster, Is.True);
        var poster = new byte[3];
        await using (var stored = await _api.Service<IBlobStore>().OpenReadAsync($"posters/{status.EvidenceId:N}.jpg", 0, 3, CancellationToken.None))
        {
            await stored.ReadExactlyAsync(poster);
        }
        Assert.That(poster, Is.EqualTo(new byte[] { 0xFF, 0xD8, 0xFF }), "the poster is a JPEG");
        Assert.That(await CustodyActionsAsync(status.EvidenceId), Does.Contain(CustodyAction.MediaProbed));
    }

    [Test]
    public async Task A_recording_ffprobe_cannot_read_is_still_verified_and_marked_unreadable_with_the_reason()
    {
        using var recording = Recording.Text(string.Concat(Enumerable.Repeat("Officer's notes: no video here.\n", 2000)));
        var upload = await CreateAsync(recording.Length, recording.Metadata());
        (await PatchAsync(upload, 0, await File.ReadAllBytesAsync(recording.Path))).EnsureSuccessStatusCode();

        var status = await _dock.WaitUntilSettledAsync(UploadId(upload));
        var item = await WaitForProbeAsync(status.EvidenceId);

        Assert.That(status.Status, Is.EqualTo("Verified"));
        Assert.That((item.ProbeStatus, item.HasPoster), Is.EqualTo(("Unreadable", false)));
        Assert.That(item.ProbeFailure, Is.Not.Empty);
    }

    [Test]
    public async Task The_bodycam_uploader_sends_a_folder_and_waits_until_each_recording_is_verified()
    {
        var folder = Directory.CreateTempSubdirectory("bodycam-camera-");
        try
        {
            using var first = Recording.Random(3 * 1024 * 1024);
            using var second = Recording.Random(100_000);
            File.Move(first.Path, Path.Combine(folder.FullName, "a.mp4"));
            File.Move(second.Path, Path.Combine(folder.FullName, "b.mp4"));

            var output = await LocalServices.RunAsync("dotnet", Cli.CliTests.CliAssembly, "upload", folder.FullName,
                "--server", _api.BaseAddress.ToString().TrimEnd('/'), "--dock-key", _dockKey, "--officer", "officer-7", "--device", "X60-000123",
                "--chunk-size-mib", "1", "--wait-verified", "--timeout", "00:01:00");

            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')).ToList();
            Assert.That(lines.Select(line => (line[1], line[2])), Is.EqualTo(new[] { ("Verified", first.Sha256), ("Verified", second.Sha256) }));
            var evidence = await _dock.GetFromJsonAsync<UploadStatusReport>($"/api/ingest/uploads/{lines[0][0]}");
            Assert.That(await StoredSha256Async(evidence!.EvidenceId), Is.EqualTo(first.Sha256));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public async Task A_declared_hash_that_differs_from_the_bytes_quarantines_the_recording_at_once()
    {
        using var recording = Recording.Random(100_000);
        var upload = await CreateAsync(recording.Length, recording.Metadata(declaredSha256: new string('a', 64)));

        (await PatchAsync(upload, 0, await File.ReadAllBytesAsync(recording.Path))).EnsureSuccessStatusCode();

        var status = await _dock.GetFromJsonAsync<UploadStatusReport>($"/api/ingest/uploads/{UploadId(upload)}");
        Assert.That(status!.Status, Is.EqualTo("Quarantined"));
        Assert.That(await CustodyActionsAsync(status.EvidenceId), Does.Contain(CustodyAction.Quarantined));
    }

    [Test]
    public async Task Options_describes_the_server_to_anyone()
    {
        var response = await _api.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Options, "/ingest/tus/"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Header(response, "Tus-Version"), Is.EqualTo("1.0.0"));
        Assert.That(Header(response, "Tus-Extension")!.Split(','), Is.SupersetOf(new[] { "creation", "creation-with-upload", "creation-defer-length", "expiration", "checksum", "termination" }));
        Assert.That(Header(response, "Tus-Checksum-Algorithm"), Is.EqualTo("sha256,sha1,md5"));
        Assert.That(long.Parse(Header(response, "Tus-Max-Size")!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
    }

    [Test]
    public async Task A_browser_may_upload_from_another_origin_and_read_the_tus_headers()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/ingest/tus/0123456789abcdef0123456789abcdef");
        preflight.Headers.Add("Origin", "https://review.example-agency.gov");
        preflight.Headers.Add("Access-Control-Request-Method", "PATCH");
        preflight.Headers.Add("Access-Control-Request-Headers", "tus-resumable,upload-offset,x-dock-key,content-type");
        using var recording = Recording.Random(10);
        var creation = Creation(10, Recording.MetadataHeader(recording.Metadata()));
        creation.Headers.Add("Origin", "https://review.example-agency.gov");

        var allowed = await _api.CreateClient().SendAsync(preflight);
        var created = await _dock.SendAsync(creation);

        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Header(allowed, "Access-Control-Allow-Methods"), Does.Contain("PATCH"));
        Assert.That(Header(allowed, "Access-Control-Allow-Headers")!.ToLowerInvariant(), Does.Contain("upload-offset").And.Contain("x-dock-key"));
        Assert.That(Header(created, "Access-Control-Allow-Origin"), Is.EqualTo("*"));
        Assert.That(Header(created, "Access-Control-Expose-Headers"), Does.Contain("Location").And.Contain("Upload-Offset"));
    }

    [Test]
    public async Task A_client_that_cannot_send_PATCH_appends_with_a_POST_that_overrides_its_method()
    {
        using var recording = Recording.Random(2000);
        var upload = await CreateAsync(recording.Length, recording.Metadata());
        var request = PatchRequest(upload, "0", new ByteArrayContent(await File.ReadAllBytesAsync(recording.Path)));
        request.Method = HttpMethod.Post;
        request.Headers.Add("X-HTTP-Method-Override", "PATCH");

        var response = await _dock.SendAsync(request);

        Assert.That((response.StatusCode, Header(response, "Upload-Offset")), Is.EqualTo((HttpStatusCode.NoContent, "2000")));
        Assert.That((await _dock.WaitUntilSettledAsync(UploadId(upload))).Sha256, Is.EqualTo(recording.Sha256));
    }

    [Test]
    public async Task A_request_without_Tus_Resumable_is_412_and_names_the_supported_version()
    {
        var client = _api.DockClient(_dockKey);

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/ingest/tus/") { Headers = { { "Upload-Length", "10" } } });

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That(Header(response, "Tus-Version"), Is.EqualTo("1.0.0"));
    }

    [Test]
    public async Task A_person_without_a_dock_key_gets_401_and_a_custody_event()
    {
        var admin = Tus(_api.ClientFor(Roles.Admin, "ada-" + Guid.NewGuid().ToString("N")[..6]));

        var response = await admin.SendAsync(Creation(10, Recording.MetadataHeader(new Dictionary<string, string> { ["filename"] = "a.mp4" })));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await using var db = _api.OpenDb();
        Assert.That(await db.CustodyEvents.AnyAsync(e => e.Action == CustodyAction.AuthenticationFailed && e.Reason!.StartsWith("POST /ingest/tus")), Is.True);
    }

    [TestCase("deviceSerial", null, "deviceSerial")]
    [TestCase("recordedStart", "yesterday", "recordedStart")]
    [TestCase("recordedEnd", "2026-11-26T07:00:00Z", "recordedEnd")]
    [TestCase("filename", "../../etc/passwd", "filename")]
    [TestCase("filename", "clips\\a.mp4", "filename")]
    [TestCase("sha256", "not-a-hash", "sha256")]
    [TestCase("contentType", "video", "contentType")]
    public async Task Missing_or_invalid_metadata_is_a_400_naming_the_key(string key, string? value, string field)
    {
        using var recording = Recording.Random(10);
        var metadata = recording.Metadata();
        if (value is null)
        {
            metadata.Remove(key);
        }
        else
        {
            metadata[key] = value;
        }

        var response = await _dock.SendAsync(Creation(10, Recording.MetadataHeader(metadata)));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [TestCase("filename")]
    [TestCase("filename !!!notbase64")]
    [TestCase("filename YQ==,filename Yg==")]
    [TestCase("bad key YQ==")]
    public async Task Garbage_Upload_Metadata_is_a_400_naming_the_header(string header)
    {
        var response = await _dock.SendAsync(Creation(10, header));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(header == "filename" ? "deviceSerial" : "Upload-Metadata", out _), Is.True, problem.ToString());
    }

    [TestCase("-5", HttpStatusCode.BadRequest)]
    [TestCase("ten", HttpStatusCode.BadRequest)]
    [TestCase("99999999999999999", HttpStatusCode.RequestEntityTooLarge)]
    public async Task An_impossible_Upload_Length_is_refused(string length, HttpStatusCode status)
    {
        using var recording = Recording.Random(10);
        var request = Creation(0, Recording.MetadataHeader(recording.Metadata()));
        request.Headers.Remove("Upload-Length");
        request.Headers.Add("Upload-Length", length);

        var response = await _dock.SendAsync(request);

        await response.AssertProblemAsync(status);
    }

    [Test]
    public async Task Patch_refuses_wrong_content_type_wrong_offset_and_malformed_offset_and_keeps_what_was_stored()
    {
        using var recording = Recording.Random(4096);
        var upload = await CreateAsync(recording.Length, recording.Metadata());
        var bytes = await File.ReadAllBytesAsync(recording.Path);
        (await PatchAsync(upload, 0, bytes[..1000])).EnsureSuccessStatusCode();

        var wrongType = new HttpRequestMessage(HttpMethod.Patch, upload) { Content = new ByteArrayContent(bytes[1000..]) };
        wrongType.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        wrongType.Headers.Add("Upload-Offset", "1000");
        await (await _dock.SendAsync(wrongType)).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await PatchAsync(upload, 500, bytes[500..])).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await PatchAsync(upload, "-5", bytes[1000..])).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(await OffsetAsync(upload), Is.EqualTo(1000));
        (await PatchAsync(upload, 1000, bytes[1000..])).EnsureSuccessStatusCode();
        var status = await _dock.WaitUntilSettledAsync(UploadId(upload));
        Assert.That(status.Sha256, Is.EqualTo(recording.Sha256));
    }

    [Test]
    public async Task A_chunk_that_fails_its_checksum_is_460_and_none_of_it_is_kept()
    {
        using var recording = Recording.Random(300_000);
        var upload = await CreateAsync(recording.Length, recording.Metadata());
        var bytes = await File.ReadAllBytesAsync(recording.Path);
        var wrong = "sha256 " + Convert.ToBase64String(SHA256.HashData(bytes[..1]));

        var refused = await PatchAsync(upload, 0, bytes[..200_000], checksum: wrong);
        var accepted = await PatchAsync(upload, 0, bytes[..200_000], checksum: "sha1 " + Convert.ToBase64String(SHA1.HashData(bytes[..200_000])));
        var rest = await PatchAsync(upload, 200_000, bytes[200_000..], checksum: "md5 " + Convert.ToBase64String(MD5.HashData(bytes[200_000..])));

        Assert.That((int)refused.StatusCode, Is.EqualTo(460));
        Assert.That((accepted.StatusCode, Header(accepted, "Upload-Offset")), Is.EqualTo((HttpStatusCode.NoContent, "200000")));
        Assert.That(rest.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var status = await _dock.WaitUntilSettledAsync(UploadId(upload));
        Assert.That((status.Status, status.Sha256), Is.EqualTo(("Verified", recording.Sha256)));
        Assert.That(await CustodyActionsAsync(status.EvidenceId), Does.Contain(CustodyAction.UploadChunkRejected));
    }

    [Test]
    public async Task An_unknown_checksum_algorithm_is_a_400()
    {
        using var recording = Recording.Random(10);
        var upload = await CreateAsync(recording.Length, recording.Metadata());

        var response = await PatchAsync(upload, 0, new byte[10], checksum: "crc32 AAAAAA==");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("Upload-Checksum", out _), Is.True);
        Assert.That(await OffsetAsync(upload), Is.Zero);
    }

    [Test]
    public async Task A_body_longer_than_the_upload_is_413()
    {
        using var recording = Recording.Random(1000);
        var upload = await CreateAsync(recording.Length, recording.Metadata());

        var response = await PatchAsync(upload, 0, new byte[1001]);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.That(await OffsetAsync(upload), Is.Zero);
    }

    [Test]
    public async Task A_second_writer_is_423_while_the_first_is_still_sending()
    {
        using var recording = Recording.Random(2 * 1024 * 1024);
        var upload = await CreateAsync(recording.Length, recording.Metadata());
        var bytes = await File.ReadAllBytesAsync(recording.Path);
        var held = new HeldContent(bytes);
        // A client of its own, on its own connection, so that the held body cannot delay the requests below.
        using var slowSender = Tus(new HttpClient { BaseAddress = _api.BaseAddress });
        slowSender.DefaultRequestHeaders.Add("X-Dock-Key", _dockKey);
        var first = slowSender.SendAsync(PatchRequest(upload, "0", held));
        await held.FirstPartSent;
        await WaitUntilAsync(async () => await OffsetAsync(upload) > 0);

        var second = await PatchAsync(upload, 0, bytes);
        held.Release();

        await second.AssertProblemAsync(HttpStatusCode.Locked);
        Assert.That((await first).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await _dock.WaitUntilSettledAsync(UploadId(upload))).Sha256, Is.EqualTo(recording.Sha256));
    }

    [Test]
    public async Task A_terminated_upload_is_gone_and_its_bytes_discarded()
    {
        using var recording = Recording.Random(5000);
        var upload = await CreateAsync(recording.Length, recording.Metadata());
        (await PatchAsync(upload, 0, new byte[2000])).EnsureSuccessStatusCode();

        var terminated = await _dock.DeleteAsync(upload);

        Assert.That(terminated.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await _dock.SendAsync(new HttpRequestMessage(HttpMethod.Head, upload))).StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        await (await PatchAsync(upload, 2000, new byte[3000])).AssertProblemAsync(HttpStatusCode.Gone);
        Assert.That(await _api.Service<IBlobStore>().ListStagedBlocksAsync(await BlobNameAsync(upload), CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task A_completed_upload_cannot_be_terminated()
    {
        using var recording = Recording.Random(1000);
        var upload = await CreateAsync(recording.Length, recording.Metadata());
        (await PatchAsync(upload, 0, await File.ReadAllBytesAsync(recording.Path))).EnsureSuccessStatusCode();

        await (await _dock.DeleteAsync(upload)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.That((await _dock.WaitUntilSettledAsync(UploadId(upload))).Status, Is.EqualTo("Verified"));
    }

    [Test]
    public async Task Another_docks_upload_is_refused_and_the_attempt_recorded()
    {
        using var recording = Recording.Random(1000);
        var upload = await CreateAsync(recording.Length, recording.Metadata());
        var otherDock = Tus(_api.DockClient(await _api.RegisterDockAsync()));

        var response = await otherDock.SendAsync(PatchRequest(upload, "0", new ByteArrayContent(new byte[1000])));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(await OffsetAsync(upload), Is.Zero);
        await using var db = _api.OpenDb();
        var uploadId = UploadId(upload);
        Assert.That(await db.CustodyEvents.AnyAsync(e => e.Action == CustodyAction.AccessDenied && e.Reason!.Contains(uploadId)), Is.True);
    }

    [Test]
    public async Task Head_reports_offset_length_metadata_and_expiry_and_is_not_cached()
    {
        using var recording = Recording.Random(1000);
        var metadataHeader = Recording.MetadataHeader(recording.Metadata());
        var upload = (await _dock.SendAsync(Creation(recording.Length, metadataHeader))).Headers.Location!;
        upload = new Uri(_api.BaseAddress, upload);
        (await PatchAsync(upload, 0, new byte[300])).EnsureSuccessStatusCode();

        var head = await _dock.SendAsync(new HttpRequestMessage(HttpMethod.Head, upload));

        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((Header(head, "Upload-Offset"), Header(head, "Upload-Length"), Header(head, "Upload-Metadata")), Is.EqualTo(("300", "1000", metadataHeader)));
        Assert.That(head.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(DateTimeOffset.Parse(Header(head, "Upload-Expires")!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(DateTimeOffset.UtcNow));
        Assert.That(Header(head, "Tus-Resumable"), Is.EqualTo("1.0.0"));
    }

    [Test]
    public async Task An_abandoned_upload_expires_its_bytes_are_discarded_and_the_expiry_is_recorded()
    {
        using var recording = Recording.Random(5000);
        var upload = await CreateAsync(recording.Length, recording.Metadata());
        (await PatchAsync(upload, 0, new byte[2000])).EnsureSuccessStatusCode();
        var uploadId = UploadId(upload);
        await using (var db = _api.OpenDb())
        {
            await db.Uploads.Where(u => u.Id == uploadId).ExecuteUpdateAsync(set => set.SetProperty(u => u.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        await using (var scope = _api.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<ExpireAbandonedUploadsJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
        }

        Assert.That((await _dock.SendAsync(new HttpRequestMessage(HttpMethod.Head, upload))).StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That(await _api.Service<IBlobStore>().ListStagedBlocksAsync(await BlobNameAsync(upload), CancellationToken.None), Is.Empty);
        await using var reader = _api.OpenDb();
        var expired = await reader.Uploads.SingleAsync(u => u.Id == uploadId);
        Assert.That(expired.Status, Is.EqualTo(UploadStatus.Expired));
        Assert.That(await CustodyActionsAsync(expired.EvidenceId), Does.Contain(CustodyAction.UploadExpired));
    }

    [Test]
    public async Task An_empty_recording_is_complete_and_verified_as_soon_as_it_is_created()
    {
        using var recording = Recording.Random(0);

        var upload = await CreateAsync(0, recording.Metadata());

        var status = await _dock.WaitUntilSettledAsync(UploadId(upload));
        Assert.That((status.Status, status.Bytes, status.Sha256), Is.EqualTo(("Verified", 0L, recording.Sha256)));
    }

    [Test]
    public async Task Another_docks_attempt_to_terminate_an_upload_is_refused_and_recorded()
    {
        using var recording = Recording.Random(1000);
        var upload = await CreateAsync(recording.Length, recording.Metadata());
        var otherDock = Tus(_api.DockClient(await _api.RegisterDockAsync()));

        var response = await otherDock.DeleteAsync(upload);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        await using var db = _api.OpenDb();
        var uploadId = UploadId(upload);
        Assert.That(await db.CustodyEvents.AnyAsync(e => e.Action == CustodyAction.AccessDenied && e.Reason!.Contains(uploadId)), Is.True);
        Assert.That(await OffsetAsync(upload), Is.Zero, "the upload is still there");
    }

    [Test]
    public async Task An_unknown_upload_is_404()
    {
        var response = await _dock.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/ingest/tus/0123456789abcdef0123456789abcdef"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static HttpClient Tus(HttpClient client)
    {
        client.DefaultRequestHeaders.Add("Tus-Resumable", "1.0.0");
        return client;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? values.First() : null;

    private static string UploadId(Uri upload) => upload.Segments[^1];

    private static HttpRequestMessage Creation(long length, string metadataHeader)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/ingest/tus/");
        request.Headers.Add("Upload-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", metadataHeader);
        return request;
    }

    private async Task<Uri> CreateAsync(long length, Dictionary<string, string> metadata)
    {
        var response = await _dock.SendAsync(Creation(length, Recording.MetadataHeader(metadata)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return new Uri(_api.BaseAddress, response.Headers.Location!);
    }

    private static HttpRequestMessage PatchRequest(Uri upload, string offset, HttpContent content, string? checksum = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, upload) { Content = content };
        content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        request.Headers.Add("Upload-Offset", offset);
        if (checksum is not null)
        {
            request.Headers.Add("Upload-Checksum", checksum);
        }
        return request;
    }

    private Task<HttpResponseMessage> PatchAsync(Uri upload, long offset, byte[] bytes, string? checksum = null) =>
        PatchAsync(upload, offset.ToString(System.Globalization.CultureInfo.InvariantCulture), bytes, checksum);

    private Task<HttpResponseMessage> PatchAsync(Uri upload, string offset, byte[] bytes, string? checksum = null) =>
        _dock.SendAsync(PatchRequest(upload, offset, new ByteArrayContent(bytes), checksum));

    private async Task<long> OffsetAsync(Uri upload)
    {
        var head = await _dock.SendAsync(new HttpRequestMessage(HttpMethod.Head, upload));
        head.EnsureSuccessStatusCode();
        return long.Parse(Header(head, "Upload-Offset")!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private async Task<EvidenceItemDetails> WaitForProbeAsync(Guid evidenceId)
    {
        var custodian = _api.ClientFor(Roles.Custodian, "carol");
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

    private async Task<string> StoredSha256Async(Guid evidenceId)
    {
        await using var db = _api.OpenDb();
        var blobName = await db.EvidenceItems.Where(e => e.Id == evidenceId).Select(e => e.BlobName).SingleAsync();
        await using var stored = await _api.Service<IBlobStore>().OpenReadAsync(blobName, 0, null, CancellationToken.None);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stored));
    }

    private async Task<string> BlobNameAsync(Uri upload)
    {
        var uploadId = UploadId(upload);
        await using var db = _api.OpenDb();
        return await db.Uploads.Where(u => u.Id == uploadId).Select(u => u.BlobName).SingleAsync();
    }

    private async Task<List<CustodyAction>> CustodyActionsAsync(Guid evidenceId)
    {
        await using var db = _api.OpenDb();
        return await db.CustodyEvents.Where(e => e.EvidenceId == evidenceId).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
    }
}
