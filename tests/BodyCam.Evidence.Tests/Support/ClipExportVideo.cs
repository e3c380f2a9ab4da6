using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Features.Exports;
using BodyCam.Evidence.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// A server holding one probed, verified 12-second H.264/AAC video (320×240, 25 fps, a key frame every 2 s, a 440 Hz
/// tone) of an officer of <see cref="Unit"/>, as the clip export tests need it.
/// </summary>
internal static class ClipExportVideo
{
    public const string OfficerId = "clip-officer";
    public const string Unit = "Clip-Unit";
    public const string SourceFile = "source.mp4";

    public static async Task<(EvidenceApiFactory Api, Guid Item)> StartAsync(
        ApiProfile profile, Action<IServiceCollection>? testServices, params (string Key, string Value)[] settings)
    {
        var api = await EvidenceApiFactory.StartAsync(profile, overNetwork: false, testServices, settings);
        return (api, await AddVideoAsync(api));
    }

    /// <summary>Registers the clip officer on a running server and uploads the video as theirs; returns it once probed.</summary>
    public static async Task<Guid> AddVideoAsync(EvidenceApiFactory api)
    {
        (await api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/officers/{OfficerId}", new { name = "Clip Officer", unit = Unit })).EnsureSuccessStatusCode();
        var video = Path.Combine(api.DataRoot, SourceFile);
        await LocalServices.RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=12:size=320x240:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=12", "-c:v", "libx264", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0",
            "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", video);
        var item = await api.UploadVerifiedRecordingAsync(OfficerId, content: await File.ReadAllBytesAsync(video));
        Assert.That(await WaitUntilProbedAsync(api, item), Is.EqualTo(ProbeStatus.Probed));
        return item;
    }

    /// <summary>Polls the item until the probe job has recorded what it found.</summary>
    public static async Task<ProbeStatus> WaitUntilProbedAsync(EvidenceApiFactory api, Guid item)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await ProbeStatusAsync(api, item) == ProbeStatus.Pending && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        return await ProbeStatusAsync(api, item);
    }

    /// <summary>Polls the request as its board until the job has made it Ready.</summary>
    public static async Task<ClipRequestView> WaitUntilDoneAsync(HttpClient board, Guid requestId)
    {
        var view = await WaitUntilSettledAsync(board, requestId);
        Assert.That((view.Status, view.Progress), Is.EqualTo(("Ready", 100)), view.Reason);
        return view;
    }

    /// <summary>Polls the request as its board until the job has made it Ready or Failed.</summary>
    public static async Task<ClipRequestView> WaitUntilSettledAsync(HttpClient board, Guid requestId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var view = (await board.GetFromJsonAsync<ClipRequestView>($"/api/clip-requests/{requestId}"))!;
            if (view.Status is "Ready" or "Failed" || DateTime.UtcNow > deadline)
            {
                return view;
            }
            await Task.Delay(250);
        }
    }

    private static async Task<ProbeStatus> ProbeStatusAsync(EvidenceApiFactory api, Guid item)
    {
        await using var db = api.OpenDb();
        return await db.EvidenceItems.Where(e => e.Id == item).Select(e => e.ProbeStatus).SingleAsync();
    }
}
