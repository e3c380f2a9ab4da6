using System.Net;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Ingestion.Axis;

/// <summary>
/// Two Axis body worn systems on one server, each connected as its own dock: the users, cameras and system ids
/// one registers are its own, and the other can neither change them nor file recordings under them. One no dock
/// owns is the first registering dock's.
/// </summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class AxisRegistryTests(ApiProfile profile)
{
    private EvidenceApiFactory _api = null!;
    private AxisSystemController _north = null!;
    private AxisSystemController _south = null!;

    [OneTimeSetUp]
    public async Task StartApi()
    {
        _api = await EvidenceApiFactory.StartAsync(profile, overNetwork: true);
        _north = await AxisSite.ConnectAsync(_api, "North");
        _south = await AxisSite.ConnectAsync(_api, "South");
        await _north.AuthenticateAsync();
        await _south.AuthenticateAsync();
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        _north.Dispose();
        _south.Dispose();
        await _api.DisposeAsync();
    }

    [Test]
    public async Task Another_system_cannot_rename_or_deactivate_a_user_and_each_attempt_is_409_and_a_custody_event()
    {
        var userUuid = Guid.NewGuid().ToString();
        var officerId = "PO-" + Guid.NewGuid().ToString("N")[..6];
        await AxisSite.RegisterOfficerAsync(_north, userUuid, "Åsa Öberg", officerId);

        var put = await _south.PutUserAsync(userUuid, "Mallory", officerId, active: false);
        var post = await _south.PostObjectAsync("Users", userUuid, new Dictionary<string, string> { ["Name"] = "Mallory", ["Active"] = "False" });
        var renamed = await _north.PostObjectAsync("Users", userUuid, new Dictionary<string, string> { ["Name"] = "Åsa Berg", ["Active"] = "True" });

        await put.AssertProblemAsync(HttpStatusCode.Conflict);
        await post.AssertProblemAsync(HttpStatusCode.Conflict);
        await renamed.AssertStatusAsync(HttpStatusCode.Accepted);
        await using var db = _api.OpenDb();
        var officer = await db.Officers.SingleAsync(o => o.AxisUserId == Guid.Parse(userUuid));
        Assert.That((officer.OfficerId, officer.Name, officer.Active, officer.DockId), Is.EqualTo((officerId, "Åsa Berg", true, DockOf(_north))));
        Assert.That(await RefusalsOfAsync(_south, userUuid), Has.Count.EqualTo(2), "both attempts are custody events of the dock that made them");
        Assert.That(await RecordedAsync(_north, CustodyAction.OfficerRecorded, userUuid), Has.Count.EqualTo(2), "registration and rename");
    }

    [Test]
    public async Task Another_system_cannot_register_a_camera_again_and_the_attempt_is_409_and_a_custody_event()
    {
        var serial = AxisRecording.New().BwcSerial;
        await AxisSite.RegisterCameraAsync(_north, serial);

        var put = await _south.PutDeviceAsync(serial, "Taken", model: "W100", active: false);
        var renamed = await _north.PutDeviceAsync(serial, "Front desk", model: "W110");

        await put.AssertProblemAsync(HttpStatusCode.Conflict);
        await renamed.AssertStatusAsync(HttpStatusCode.Created);
        await using var db = _api.OpenDb();
        var camera = await db.Cameras.SingleAsync(c => c.Serial == serial);
        Assert.That((camera.Name, camera.Model, camera.Active, camera.DockId), Is.EqualTo(("Front desk", "W110", true, DockOf(_north))));
        Assert.That(await RefusalsOfAsync(_south, serial), Has.Count.EqualTo(1));
        Assert.That(await RecordedAsync(_north, CustodyAction.CameraRecorded, serial), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Another_system_cannot_store_a_system_id_and_the_attempt_is_409_and_a_custody_event()
    {
        var systemId = Guid.NewGuid().ToString();
        var metadata = new Dictionary<string, string> { ["ConnectionId"] = "conn-north", ["SystemName"] = "BWS North" };
        await (await _north.PutObjectAsync("System", systemId, [], metadata)).AssertStatusAsync(HttpStatusCode.Created);

        var put = await _south.PutObjectAsync("System", systemId, [], new Dictionary<string, string> { ["ConnectionId"] = "conn-south", ["SystemName"] = "BWS South" });

        await put.AssertProblemAsync(HttpStatusCode.Conflict);
        var head = await _north.HeadAsync("System/" + systemId);
        Assert.That(
            (head.StatusCode, AxisSystemController.Header(head, "X-Object-Meta-Systemname")),
            Is.EqualTo((HttpStatusCode.OK, AxisSystemController.EncodeValue("BWS North"))));
        Assert.That(await RefusalsOfAsync(_south, systemId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_system_cannot_file_a_recording_under_a_user_or_camera_another_system_registered()
    {
        var north = AxisRecording.New();
        var south = AxisRecording.New();
        await AxisSite.RegisterOfficerAndCameraAsync(_north, north, "Åsa Öberg");
        await AxisSite.RegisterOfficerAndCameraAsync(_south, south, "Lars Ek");
        var northsUser = new AxisRecording(north.UserUuid, south.BwcSerial, north.TriggerOnTime);
        var northsCamera = new AxisRecording(south.UserUuid, north.BwcSerial, north.TriggerOnTime);

        var underUser = await _south.PutContainerAsync(northsUser.ContainerName, northsUser.Metadata);
        var fromCamera = await _south.PutContainerAsync(northsCamera.ContainerName, northsCamera.Metadata);
        var own = await _north.PutContainerAsync(north.ContainerName, north.Metadata);

        Assert.That((await underUser.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("UserID", out _), Is.True);
        Assert.That((await fromCamera.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("BWCSerialNumber", out _), Is.True);
        await own.AssertStatusAsync(HttpStatusCode.Created);
        await using var db = _api.OpenDb();
        Assert.That(
            await db.Recordings.Where(r => r.DeviceSerial == north.BwcSerial || r.DeviceSerial == south.BwcSerial).Select(r => r.ContainerName).ToListAsync(),
            Is.EqualTo(new[] { north.ContainerName }));
    }

    [Test]
    public async Task A_user_and_camera_no_system_owns_are_taken_over_by_the_first_system_that_registers_them_and_the_takeover_is_recorded()
    {
        var recording = AxisRecording.New();
        var userUuid = Guid.Parse(recording.UserUuid);
        await AxisSite.RegisterOfficerAndCameraAsync(_north, recording, "Åsa Öberg");
        await using (var db = _api.OpenDb())
        {
            await db.Officers.Where(o => o.AxisUserId == userUuid).ExecuteUpdateAsync(s => s.SetProperty(o => o.DockId, (Guid?)null));
            await db.Cameras.Where(c => c.Serial == recording.BwcSerial).ExecuteUpdateAsync(s => s.SetProperty(c => c.DockId, (Guid?)null));
        }

        var beforeTakeover = await _south.PutContainerAsync(recording.ContainerName, recording.Metadata);
        await AxisSite.RegisterOfficerAndCameraAsync(_south, recording, "Lars Ek");
        var userAfter = await _north.PutUserAsync(recording.UserUuid, "Åsa Öberg");
        var cameraAfter = await _north.PutDeviceAsync(recording.BwcSerial, "Taken back");
        var filed = await _south.PutContainerAsync(recording.ContainerName, recording.Metadata);

        Assert.That((await beforeTakeover.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("UserID", out _), Is.True);
        await userAfter.AssertProblemAsync(HttpStatusCode.Conflict);
        await cameraAfter.AssertProblemAsync(HttpStatusCode.Conflict);
        await filed.AssertStatusAsync(HttpStatusCode.Created);
        await using var migrated = _api.OpenDb();
        var officer = await migrated.Officers.SingleAsync(o => o.AxisUserId == userUuid);
        var camera = await migrated.Cameras.SingleAsync(c => c.Serial == recording.BwcSerial);
        Assert.That((officer.Name, officer.DockId, camera.DockId), Is.EqualTo(("Lars Ek", DockOf(_south), DockOf(_south))));
        Assert.That(
            (await RecordedAsync(_south, CustodyAction.OfficerRecorded, recording.UserUuid)).Select(e => e.Reason),
            Is.EqualTo(new[] { $"officer {officer.OfficerId} ('Lars Ek', active) as Axis user {userUuid}; it had no owning system and is now this dock's" }));
        Assert.That(
            (await RecordedAsync(_south, CustodyAction.CameraRecorded, recording.BwcSerial)).Select(e => e.Reason),
            Is.EqualTo(new[] { $"camera {recording.BwcSerial} ('{camera.Name}', model W110, active); it had no owning system and is now this dock's" }));
        Assert.That(await RefusalsOfAsync(_north, recording.UserUuid), Has.Count.EqualTo(1));
        Assert.That(await RefusalsOfAsync(_north, recording.BwcSerial), Has.Count.EqualTo(1));
    }

    private static Guid DockOf(AxisSystemController controller) => Guid.Parse(controller.UserName);

    /// <summary>The AccessDenied custody events of the controller's dock whose reason names <paramref name="entry"/>.</summary>
    private async Task<List<CustodyEvent>> RefusalsOfAsync(AxisSystemController controller, string entry)
    {
        var refusals = await RecordedAsync(controller, CustodyAction.AccessDenied, entry);
        Assert.That(refusals.Select(e => e.Outcome), Is.All.EqualTo(CustodyOutcome.Denied));
        return refusals;
    }

    private async Task<List<CustodyEvent>> RecordedAsync(AxisSystemController controller, CustodyAction action, string entry)
    {
        await using var db = _api.OpenDb();
        var dockId = DockOf(controller).ToString();
        return await db.CustodyEvents.Where(e => e.ActorId == dockId && e.Action == action && e.Reason!.Contains(entry)).ToListAsync();
    }
}
