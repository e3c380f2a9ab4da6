using System.Net;
using System.Security.Cryptography;
using BodyCam.Evidence.Tests.Support;

namespace BodyCam.Evidence.Tests.Features.Ingestion.Axis;

/// <summary>
/// A store that is really full: the filesystem store's root on a 256 KiB tmpfs. Only the embedded profile has a
/// store with a size, and mounting needs root (CAP_SYS_ADMIN); where it cannot be had the test is ignored, saying why.
/// </summary>
public sealed class AxisFullStoreTests
{
    [Test]
    public async Task A_clip_that_does_not_fit_in_the_store_is_507_and_not_kept()
    {
        var store = Directory.CreateTempSubdirectory("bodycam-full-store-");
        var (exitCode, _, errors) = await LocalServices.RunToExitAsync(
            "mount", new Dictionary<string, string>(), "-t", "tmpfs", "-o", "size=256k", "tmpfs", store.FullName);
        if (exitCode != 0)
        {
            store.Delete();
            Assert.Ignore($"A full store needs a small tmpfs, and it could not be mounted: {errors}");
        }
        try
        {
            await using var api = await EvidenceApiFactory.StartAsync(ApiProfile.Embedded, overNetwork: true, ("Storage:Root", store.FullName));
            using var controller = await AxisSite.ConnectAsync(api, "Full");
            await controller.AuthenticateAsync();
            var recording = AxisRecording.New();
            await AxisSite.RegisterOfficerAndCameraAsync(controller, recording, "Eva Falk");
            await (await controller.PutContainerAsync(recording.ContainerName, recording.Metadata)).AssertStatusAsync(HttpStatusCode.Created);
            var segment = recording.Segment(TimeSpan.Zero, TimeSpan.FromSeconds(2));

            var response = await controller.PutObjectAsync(recording.ContainerName, segment.Name, RandomNumberGenerator.GetBytes(4 * 1024 * 1024), segment.Metadata);

            await response.AssertStatusAsync(HttpStatusCode.InsufficientStorage);
            Assert.That((await controller.HeadAsync($"{recording.ContainerName}/{segment.Name}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
        finally
        {
            await LocalServices.RunToExitAsync("umount", new Dictionary<string, string>(), store.FullName);
            store.Delete(recursive: true);
        }
    }
}
