using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace BodyCam.Evidence.Tests.Support;

internal static class VerifiedRecordings
{
    /// <summary>A new dock uploads a small recording in one creation-with-upload request; returns it once Verified.</summary>
    public static async Task<Guid> UploadVerifiedRecordingAsync(this EvidenceApiFactory api, string officerId, string? category = null, byte[]? content = null)
    {
        using var dock = api.DockClient(await api.RegisterDockAsync());
        return await dock.UploadVerifiedRecordingAsync(officerId, category is null ? null : new Dictionary<string, string> { ["category"] = category }, content);
    }

    /// <summary>
    /// The dock uploads a recording of <paramref name="bytes"/> (default: a line of text) recorded 08:00-08:05 on
    /// 2026-11-26 unless <paramref name="metadata"/> says otherwise; returns it once Verified.
    /// </summary>
    public static async Task<Guid> UploadVerifiedRecordingAsync(
        this HttpClient dock, string officerId, IReadOnlyDictionary<string, string>? metadata = null, byte[]? bytes = null)
    {
        bytes ??= Encoding.UTF8.GetBytes("recording " + Guid.NewGuid());
        var sent = new Dictionary<string, string>
        {
            ["filename"] = "clip.mp4",
            ["deviceSerial"] = "X60-000001",
            ["officerId"] = officerId,
            ["recordedStart"] = "2026-11-26T08:00:00Z",
            ["recordedEnd"] = "2026-11-26T08:05:00Z",
        };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            sent[key] = value;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ingest/tus/") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", Recording.MetadataHeader(sent));
        var created = await dock.SendAsync(request);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var status = await dock.WaitUntilSettledAsync(created.Headers.Location!.ToString().TrimEnd('/').Split('/')[^1]);
        Assert.That(status.Status, Is.EqualTo("Verified"));
        return status.EvidenceId;
    }
}
