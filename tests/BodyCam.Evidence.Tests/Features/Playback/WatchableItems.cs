using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using GnssPoint = BodyCam.Evidence.Domain.Recordings.GnssPoint;
using Recording = BodyCam.Evidence.Domain.Recordings.Recording;

namespace BodyCam.Evidence.Tests.Features.Playback;

/// <summary>
/// An item the console can play: a verified, probed 12-second H.264/AAC video of an officer of a unit, whose
/// recording has a GNSS track of a few hundred metres through a town square.
/// </summary>
internal static class WatchableItems
{
    public static readonly (double Longitude, double Latitude)[] Track =
        [(-0.1280, 51.5080), (-0.1272, 51.5083), (-0.1265, 51.5090), (-0.1259, 51.5094), (-0.1262, 51.5101)];

    public static async Task<Guid> SeedAsync(EvidenceApiFactory api, string officerId, string unit)
    {
        (await api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/officers/{officerId}", new { name = "Pat Officer", unit })).EnsureSuccessStatusCode();
        var video = Path.Combine(api.DataRoot, $"{officerId}.mp4");
        await LocalServices.RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=12:size=320x240:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=12", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
            "-movflags", "+faststart", video);
        var item = await api.UploadVerifiedRecordingAsync(officerId, content: await File.ReadAllBytesAsync(video));
        Assert.That(await ClipExportVideo.WaitUntilProbedAsync(api, item), Is.EqualTo(ProbeStatus.Probed));

        await using var db = api.OpenDb();
        var recording = Recording.Open(Guid.NewGuid(), "container-" + item.ToString("N"), officerId, null, null, false, new Dictionary<string, string>(), DateTimeOffset.UtcNow);
        var points = Track.Select((p, i) => GnssPoint.At(recording.Id, i, p.Longitude, p.Latitude, i * 3, null)).ToList();
        recording.BoundTrack(points);
        db.Recordings.Add(recording);
        db.GnssPoints.AddRange(points);
        await db.SaveChangesAsync();
        await db.EvidenceItems.Where(e => e.Id == item).ExecuteUpdateAsync(set => set.SetProperty(e => e.RecordingId, recording.Id));
        return item;
    }

    /// <summary>Plays the video muted until it has played past <paramref name="seconds"/>, then pauses it there.</summary>
    public static async Task PlayPastAsync(IPage page, double seconds)
    {
        var video = page.Locator("video");
        await video.EvaluateAsync("video => { video.muted = true; return video.play(); }");
        await page.WaitForFunctionAsync("seconds => document.querySelector('video').currentTime > seconds", seconds);
        await video.EvaluateAsync("video => video.pause()");
    }
}
