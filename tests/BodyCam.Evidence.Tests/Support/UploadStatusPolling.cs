using System.Net.Http.Json;
using BodyCam.Evidence.Features.Ingestion;

namespace BodyCam.Evidence.Tests.Support;

internal static class UploadStatusPolling
{
    /// <summary>Asks, as the dock, until the upload is Verified or Quarantined (or 60 s pass), and returns the last answer.</summary>
    public static async Task<UploadStatusReport> WaitUntilSettledAsync(this HttpClient dock, string uploadId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
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
