using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Axis;

/// <summary>
/// The Swift API as python-swiftclient's <c>swift</c> command uses it: a real Swift client, which checks the
/// MD5 ETag of what it downloads and uploads, asks HEAD before PUT, and creates a container it cannot POST to.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class SwiftClientTests(ApiProfile profile)
{
    private const string SwiftCommand = "/usr/bin/swift";

    private EvidenceApiFactory _api = null!;
    private AxisSystemController _controller = null!;
    private string _workFolder = "";

    [OneTimeSetUp]
    public async Task StartApi()
    {
        _api = await EvidenceApiFactory.StartAsync(profile, overNetwork: true);
        _controller = await AxisSite.ConnectAsync(_api, "Swift CLI");
        _workFolder = Directory.CreateTempSubdirectory("bodycam-swift-").FullName;
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        _controller.Dispose();
        await _api.DisposeAsync();
        Directory.Delete(_workFolder, recursive: true);
    }

    [Test]
    public async Task The_swift_client_downloads_the_capabilities_and_checks_their_etag()
    {
        var (exitCode, output, errors) = await SwiftAsync(_controller.Key, "download", "System", "Capabilities.json", "--output", "-");

        Assert.That(exitCode, Is.Zero, errors);
        var capabilities = JsonSerializer.Deserialize<JsonElement>(output);
        Assert.That(capabilities.GetProperty("StoreAndRead").GetProperty("StoreReadSystemID").GetBoolean(), Is.True);
    }

    [Test]
    public async Task The_swift_client_uploads_a_recording_that_is_verified()
    {
        var recording = AxisRecording.New();
        var clip = recording.Clip(TimeSpan.Zero, TimeSpan.FromSeconds(2));
        var video = await AxisSite.VideoAsync("testsrc", 2);
        var videoPath = Path.Combine(_workFolder, clip.Name);
        await File.WriteAllBytesAsync(videoPath, video);
        var empty = Path.Combine(_workFolder, "empty");
        await File.WriteAllBytesAsync(empty, []);

        await SwiftOrFailAsync("upload", "Users", empty, "--object-name", recording.UserUuid, "-H", "X-Object-Meta-Name: Lars Ek", "-H", "X-Object-Meta-Active: True");
        await SwiftOrFailAsync("upload", "Devices", empty, "--object-name", recording.BwcSerial, "-H", "X-Object-Meta-Name: Camera 1", "-H", "X-Object-Meta-Model: W110");
        await SwiftOrFailAsync([
            "post", recording.ContainerName, .. recording.Metadata.SelectMany(pair => new[] { "-H", $"X-Container-Meta-{pair.Key}: {Uri.EscapeDataString(pair.Value)}" })]);
        await SwiftOrFailAsync([
            "upload", recording.ContainerName, videoPath, "--object-name", clip.Name,
            .. clip.Metadata.SelectMany(pair => new[] { "-H", $"X-Object-Meta-{pair.Key}: {Uri.EscapeDataString(pair.Value)}" })]);
        await CompleteAsync(recording.ContainerName);

        using var custodian = _api.ClientFor(Roles.Custodian, "carol");
        var listed = await (await custodian.GetAsync($"/api/recordings?deviceSerial={recording.BwcSerial}")).ReadAsync<JsonElement>(HttpStatusCode.OK);
        var recordingId = listed.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString();
        var stored = await (await custodian.GetAsync($"/api/recordings/{recordingId}")).ReadAsync<JsonElement>(HttpStatusCode.OK);
        var storedClip = stored.GetProperty("clips").EnumerateArray().Single();
        Assert.That(
            (storedClip.GetProperty("objectName").GetString(), storedClip.GetProperty("status").GetString(), storedClip.GetProperty("sha256").GetString()),
            Is.EqualTo((clip.Name, "Verified", Convert.ToHexStringLower(SHA256.HashData(video)))));
        Assert.That(stored.GetProperty("status").GetString(), Is.EqualTo("Complete"));
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

        Assert.That((exitCode, errors), Is.Not.EqualTo((0, "")));
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

    private async Task SwiftOrFailAsync(params string[] arguments)
    {
        var (exitCode, _, errors) = await SwiftAsync(_controller.Key, arguments);
        Assert.That(exitCode, Is.Zero, $"swift {string.Join(' ', arguments)}: {errors}");
    }

    private Task<(int ExitCode, string Output, string Errors)> SwiftAsync(string key, params string[] arguments) =>
        LocalServices.RunToExitAsync(
            SwiftCommand,
            new Dictionary<string, string>(),
            ["--auth", _controller.AuthenticationUri.ToString(), "--user", _controller.UserName, "--key", key, .. arguments]);
}
