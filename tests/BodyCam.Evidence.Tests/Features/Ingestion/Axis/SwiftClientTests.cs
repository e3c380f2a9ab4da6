using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Ingestion.Axis;

/// <summary>
/// The Swift API as python-swiftclient's <c>swift</c> command uses it: a real Swift client, which checks the
/// MD5 ETag of what it downloads and of what it uploads, HEADs an object before it PUTs it, PUTs the container
/// before uploading into it, and PUTs a container it could not POST to.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed partial class SwiftClientTests(ApiProfile profile)
{
    private const string SwiftCommand = "/usr/bin/swift";

    /// <summary>System/Capabilities.json as the contract publishes it.</summary>
    private const string Capabilities = """
        {"Read":{"ReadCategories":true},
         "Store":{"StoreUserIDKey":true,"StoreBookmarks":true,"StoreGNSSTrackRecording":true,"StoreRejectedContent":true,"StoreSignedVideo":false},
         "StoreAndRead":{"StoreReadSystemID":true}}
        """;

    private EvidenceApiFactory _api = null!;
    private AxisSystemController _controller = null!;
    private HttpClient _custodian = null!;
    private string _categoryId = "";
    private string _workFolder = "";

    [OneTimeSetUp]
    public async Task StartApi()
    {
        _api = await EvidenceApiFactory.StartAsync(profile, overNetwork: true);
        using (var admin = _api.ClientFor(Roles.Admin, "ada"))
        {
            _categoryId = await AxisSite.CreateCategoryAsync(admin, "Use of force");
        }
        _controller = await AxisSite.ConnectAsync(_api, "Swift CLI");
        _custodian = _api.ClientFor(Roles.Custodian, "carol");
        _workFolder = Directory.CreateTempSubdirectory("bodycam-swift-").FullName;
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        _controller.Dispose();
        _custodian.Dispose();
        await _api.DisposeAsync();
        Directory.Delete(_workFolder, recursive: true);
    }

    [Test]
    public async Task The_swift_client_downloads_the_capabilities_and_checks_their_etag()
    {
        var (exitCode, output, errors) = await SwiftAsync(_controller.Key, "download", "System", "Capabilities.json", "--output", "-");
        var stat = await SwiftOrFailAsync("stat", "System", "Capabilities.json");

        Assert.That(exitCode, Is.Zero, errors);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(output), JsonNode.Parse(Capabilities)), Is.True, output);
        Assert.That(StatValue(stat, "ETag"), Is.EqualTo(AxisSystemController.Md5Hex(Encoding.UTF8.GetBytes(output))),
            "the ETag the client checked the download against is the MD5 of the body");
    }

    [Test]
    public async Task The_swift_client_downloads_the_categories()
    {
        var (exitCode, output, errors) = await SwiftAsync(_controller.Key, "download", "System", "Categories.json", "--output", "-");

        Assert.That(exitCode, Is.Zero, errors);
        Assert.That(
            JsonSerializer.Deserialize<JsonElement>(output).EnumerateArray().Select(c => (c.GetProperty("Id").GetString(), c.GetProperty("Name").GetString())),
            Does.Contain((_categoryId, "Use of force")));
    }

    [Test]
    public async Task The_swift_client_uploads_a_recording_that_is_verified()
    {
        var recording = AxisRecording.New();
        var officerId = "PO-" + Guid.NewGuid().ToString("N")[..6];
        var segment = recording.Segment(TimeSpan.Zero, TimeSpan.FromSeconds(2));
        var video = await AxisSite.VideoAsync("testsrc", 2);
        var videoPath = await WriteFileAsync(segment.Name, video);
        var empty = await WriteFileAsync("empty", []);

        await SwiftOrFailAsync(
            "upload", "Users", empty, "--object-name", recording.UserUuid,
            "-H", "X-Object-Meta-Name: " + Encoded("Åsa Öberg"), "-H", "X-Object-Meta-Active: True", "-H", "X-Object-Meta-UserID: " + officerId);
        await SwiftOrFailAsync(
            "upload", "Devices", empty, "--object-name", recording.BwcSerial,
            "-H", "X-Object-Meta-Name: Camera 1", "-H", "X-Object-Meta-Model: W110", "-H", "X-Object-Meta-Active: True");
        await SwiftOrFailAsync(["post", recording.ContainerName, .. MetadataHeaders("Container", recording.Metadata)]);
        await SwiftOrFailAsync(["upload", recording.ContainerName, videoPath, "--object-name", segment.Name, .. MetadataHeaders("Object", segment.Metadata)]);
        await CompleteAsync(recording.ContainerName);
        var containerStat = await SwiftOrFailAsync("stat", recording.ContainerName);
        var segmentStat = await SwiftOrFailAsync("stat", recording.ContainerName, segment.Name);

        Assert.That(
            (StatValue(containerStat, "Meta Status"), Decoded(StatValue(containerStat, "Meta Timezone"))),
            Is.EqualTo(("Complete", "Europe/Stockholm")));
        Assert.That(Decoded(StatValue(segmentStat, "Meta Starttimeiso")), Is.EqualTo(segment.Metadata["StartTimeISO"]));

        var listed = await (await _custodian.GetAsync($"/api/recordings?deviceSerial={recording.BwcSerial}")).ReadAsync<JsonElement>(HttpStatusCode.OK);
        var recordingId = listed.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString();
        var stored = await (await _custodian.GetAsync($"/api/recordings/{recordingId}")).ReadAsync<JsonElement>(HttpStatusCode.OK);
        Assert.That(
            (Text(stored, "containerName"), Text(stored, "officerId"), Text(stored, "deviceSerial"), Text(stored, "status")),
            Is.EqualTo((recording.ContainerName, officerId, recording.BwcSerial, "Complete")));
        var storedClip = stored.GetProperty("clips").EnumerateArray().Single();
        Assert.That(
            (Text(storedClip, "objectName"), Text(storedClip, "status"), storedClip.GetProperty("startTime").GetDateTimeOffset()),
            Is.EqualTo((segment.Name, "Verified", segment.Start)));

        var evidence = await (await _custodian.GetAsync($"/api/evidence/{Text(storedClip, "evidenceId")}")).ReadAsync<JsonElement>(HttpStatusCode.OK);
        Assert.That(
            (Text(evidence, "status"), Text(evidence, "streamSha256"), evidence.GetProperty("recordingId").ToString()),
            Is.EqualTo(("Verified", Sha256(video), recordingId)));
    }

    [Test]
    public async Task The_swift_client_uploads_a_gnss_trail_and_a_bookmark_of_a_recording()
    {
        var recording = AxisRecording.New();
        var segment = recording.Segment(TimeSpan.Zero, TimeSpan.FromSeconds(1));
        var (trail, points) = recording.GnssTrail(0, 1);
        var bookmark = AxisRecording.BookmarkName(recording.TriggerOnTime, 1);
        var empty = await WriteFileAsync("empty", []);
        await SwiftOrFailAsync("upload", "Users", empty, "--object-name", recording.UserUuid, "-H", "X-Object-Meta-Name: Lars Ek");
        await SwiftOrFailAsync("upload", "Devices", empty, "--object-name", recording.BwcSerial, "-H", "X-Object-Meta-Name: Camera 2");
        await SwiftOrFailAsync(["post", recording.ContainerName, .. MetadataHeaders("Container", recording.Metadata)]);

        await SwiftOrFailAsync(
            "upload", recording.ContainerName, await WriteFileAsync(segment.Name, await AxisSite.VideoAsync("smptebars", 1)), "--object-name", segment.Name);
        await SwiftOrFailAsync(
            "upload", recording.ContainerName, await WriteFileAsync(recording.GnssTrailName, trail), "--object-name", recording.GnssTrailName,
            "-H", "X-Object-Meta-FileType: json");
        await SwiftOrFailAsync([
            "upload", recording.ContainerName, await WriteFileAsync(bookmark, Encoding.UTF8.GetBytes("Suspect ran towards Möllevångstorget")), "--object-name", bookmark,
            .. MetadataHeaders("Object", new Dictionary<string, string>
            {
                ["CategoryID"] = _categoryId,
                ["CategoryName"] = "Use of force",
                ["Tags"] = "TriggerOn:Button",
                ["StartTime"] = AxisRecording.Iso(recording.TriggerOnTime),
                ["EndTime"] = AxisRecording.Iso(recording.TriggerOnTime.AddSeconds(1)),
            })]);
        await CompleteAsync(recording.ContainerName);

        var listed = await (await _custodian.GetAsync($"/api/recordings?deviceSerial={recording.BwcSerial}")).ReadAsync<JsonElement>(HttpStatusCode.OK);
        var recordingId = listed.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString();
        var stored = await (await _custodian.GetAsync($"/api/recordings/{recordingId}")).ReadAsync<JsonElement>(HttpStatusCode.OK);
        Assert.That(
            stored.GetProperty("gnssTrack").EnumerateArray().Select(p => p.GetProperty("secondsFromStart").GetDouble()),
            Is.EqualTo(points.Select(p => p.SecondsFromStart)));
        var storedBookmark = stored.GetProperty("bookmarks").EnumerateArray().Single();
        Assert.That(
            (Text(storedBookmark, "objectName"), Text(storedBookmark, "text"), Text(storedBookmark, "categoryId")),
            Is.EqualTo((bookmark, "Suspect ran towards Möllevångstorget", _categoryId)));
        Assert.That(
            stored.GetProperty("categories").EnumerateArray().Select(c => (Text(c, "id"), c.GetProperty("known").GetBoolean())),
            Is.EqualTo(new[] { (_categoryId, true) }));
    }

    [Test]
    public async Task The_swift_client_is_refused_with_a_wrong_key()
    {
        long before;
        await using (var db = _api.OpenDb())
        {
            before = await db.CustodyEvents.MaxAsync(e => (long?)e.Sequence) ?? -1;
        }

        var (exitCode, _, errors) = await SwiftAsync("bcdk_not-the-key", "download", "System", "Capabilities.json", "--output", "-");

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(errors, Does.Contain("401"));
        await using var reader = _api.OpenDb();
        Assert.That(await reader.CustodyEvents.AnyAsync(e => e.Sequence > before && e.Action == CustodyAction.AuthenticationFailed), Is.True);
    }

    /// <summary>The server answers 503 until the clips are verified; the client is sent again until it hears success.</summary>
    private async Task CompleteAsync(string container)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (exitCode, _, errors) = await SwiftAsync(_controller.Key, "--retries", "0", "post", container, "-H", "X-Container-Meta-Status: Complete");
            if (exitCode == 0)
            {
                return;
            }
            Assert.That(errors, Does.Contain("503"), "only 'not verified yet' may be retried");
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the recording's clips were not verified within a minute");
            await Task.Delay(500);
        }
    }

    private async Task<string> SwiftOrFailAsync(params string[] arguments)
    {
        var (exitCode, output, errors) = await SwiftAsync(_controller.Key, arguments);
        Assert.That(exitCode, Is.Zero, $"swift {string.Join(' ', arguments)}: {errors}");
        return output;
    }

    private Task<(int ExitCode, string Output, string Errors)> SwiftAsync(string key, params string[] arguments) =>
        LocalServices.RunToExitAsync(
            SwiftCommand,
            new Dictionary<string, string>(),
            ["--auth", _controller.AuthenticationUri.ToString(), "--user", _controller.UserName, "--key", key, .. arguments]);

    private async Task<string> WriteFileAsync(string name, byte[] content)
    {
        var path = Path.Combine(_workFolder, Guid.NewGuid().ToString("N"), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);
        return path;
    }

    /// <summary><c>-H</c> options for the metadata, values URL-encoded as a system controller sends them.</summary>
    private static IEnumerable<string> MetadataHeaders(string kind, IReadOnlyDictionary<string, string> metadata) =>
        metadata.SelectMany(pair => new[] { "-H", $"X-{kind}-Meta-{pair.Key}: {Encoded(pair.Value)}" });

    private static string Encoded(string value) => Uri.EscapeDataString(value);

    private static string? Decoded(string? value) => value is null ? null : Uri.UnescapeDataString(value);

    /// <summary>A line of <c>swift stat</c>: the name right-aligned, a colon, the value.</summary>
    private static string? StatValue(string stat, string name) =>
        StatLine().Matches(stat).Where(m => m.Groups[1].Value == name).Select(m => m.Groups[2].Value.Trim()).FirstOrDefault();

    private static string? Text(JsonElement element, string property) => element.GetProperty(property).GetString();

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [GeneratedRegex(@"^\s*([^:\r\n]+?): ?(.*?)\r?$", RegexOptions.Multiline)]
    private static partial Regex StatLine();
}
