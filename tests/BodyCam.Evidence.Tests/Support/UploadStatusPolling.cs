using System.Net.Http.Json;
using BodyCam.Evidence.Features.Ingestion;

namespace BodyCam.Evidence.Tests.Support;

internal static class UploadStatusPolling
{
    /// <summary>
    /// Asks, as the dock, until the upload is Verified or Quarantined (or three minutes pass), and returns the last
    /// answer. A verification that lost a race (with the retention sweep of a server just started, say) is retried by
    /// the job queue after 15-75 s, so the wait allows for one retry.
    /// </summary>
    public static async Task<UploadStatusReport> WaitUntilSettledAsync(this HttpClient dock, string uploadId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var status = (await dock.GetFromJsonAsync<UploadStatusReport>($"/api/ingest/uploads/{uploadId}"))!;
            if (status.Status is "Verified" or "Quarantined" || DateTime.UtcNow > deadline)
            {
                return status;
            }
            await Task.Delay(200);
        }
    }
}
