using System.Net;
using System.Net.Http.Json;
using BodyCam.Evidence.Infrastructure.Identity;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>What an administrator and a system controller do before recordings can arrive.</summary>
internal static class AxisSite
{
    public static Task<AxisSystemController> ConnectAsync(EvidenceApiFactory api, string siteName) =>
        ConnectAsync(api.ClientFor(Roles.Admin, "ada"), api.BaseAddress, siteName);

    /// <summary>An administrator makes a connection file for the site; the controller is set up from it.</summary>
    public static async Task<AxisSystemController> ConnectAsync(HttpClient admin, Uri server, string siteName, HttpClient? http = null)
    {
        var response = await admin.PostAsJsonAsync("/api/axis/connection-files", new { siteName, url = server.ToString().TrimEnd('/') });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return new AxisSystemController(body, http);
    }

    public static async Task<string> CreateCategoryAsync(HttpClient admin, string name)
    {
        var id = "cat-" + Guid.NewGuid().ToString("N")[..8];
        await (await admin.PutAsJsonAsync($"/api/categories/{id}", new { name, retentionDays = 3650 })).AssertStatusAsync(HttpStatusCode.OK);
        return id;
    }

    /// <summary>The manager registers the recording's officer and camera, as it does before a camera is handed out.</summary>
    public static async Task RegisterOfficerAndCameraAsync(AxisSystemController controller, AxisRecording recording, string officerName, string? userId = null)
    {
        await RegisterOfficerAsync(controller, recording.UserUuid, officerName, userId);
        await RegisterCameraAsync(controller, recording.BwcSerial);
    }

    public static async Task RegisterOfficerAsync(AxisSystemController controller, string userUuid, string name, string? userId = null)
    {
        await (await controller.PutContainerAsync("Users")).AssertStatusAsync(HttpStatusCode.Accepted);
        await (await controller.PutUserAsync(userUuid, name, userId)).AssertStatusAsync(HttpStatusCode.Created);
    }

    public static async Task RegisterCameraAsync(AxisSystemController controller, string serial)
    {
        await (await controller.PutContainerAsync("Devices")).AssertStatusAsync(HttpStatusCode.Accepted);
        await (await controller.PutDeviceAsync(serial, "Camera " + serial[^4..])).AssertStatusAsync(HttpStatusCode.Created);
    }

    /// <summary>A real H.264 video made by ffmpeg from one of its test sources (testsrc, testsrc2, smptebars...).</summary>
    public static async Task<byte[]> VideoAsync(string source, int seconds)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bodycam-axis-{Guid.NewGuid():N}.mp4");
        try
        {
            await LocalServices.RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", $"{source}=duration={seconds}:size=320x240:rate=25",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", path);
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static async Task AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode status) =>
        Assert.That(response.StatusCode, Is.EqualTo(status), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
}
