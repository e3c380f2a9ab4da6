using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace BodyCam.Evidence.Cli.Upload;

/// <summary>
/// tus 1.0 (core, creation, checksum, termination) against the server's creation endpoint, plus the server's
/// upload status query. Sorts every answer into success, <see cref="TransientUploadException"/> (worth
/// retrying) or <see cref="UploadStoppedException"/> (refused).
/// </summary>
internal sealed class TusClient : IDisposable
{
    // HEAD, POST, DELETE and GET send and receive next to nothing: 30 s without an answer is a dead connection.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    // A PATCH may legitimately take long overall, so it is bounded by silence instead: a minute without the
    // body advancing, or without an answer once it is sent, is a dead connection.
    private static readonly TimeSpan PatchStallTimeout = TimeSpan.FromMinutes(1);

    private const int PatchCopyBufferSize = 1 << 20;

    // Every answer body this client reads is a small JSON document; a server that sends something else (a tus
    // server that is not ours answers the status query with the upload's bytes) must not fill memory.
    private const int MaxAnswerBytes = 1 << 20;
    private const int ChecksumMismatch = 460;

    private static readonly MediaTypeHeaderValue OffsetOctetStream = new("application/offset+octet-stream");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient http;
    private readonly Uri creationUrl;
    private readonly string server;

    public TusClient(string server, string tusPath, string dockKey)
    {
        this.server = server;
        creationUrl = new Uri(server + tusPath);
        http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = RequestTimeout })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.Add("Tus-Resumable", "1.0.0");
        http.DefaultRequestHeaders.Add("X-Dock-Key", dockKey);
    }

    public void Dispose() => http.Dispose();

    public async Task<Uri> CreateAsync(long length, string metadata, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, creationUrl);
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", metadata);
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw await FailureAsync(response, "create the upload", cancellationToken);
        }
        var location = response.Headers.Location
            ?? throw new UploadStoppedException(UploadExitCode.Refused, "the server created the upload but sent no Location.");
        return new Uri(creationUrl, location);
    }

    /// <returns>The server's offset, or null when the upload is gone (404 or 410: tus expiration says start again).</returns>
    public async Task<long?> GetOffsetAsync(Uri upload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, upload);
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return null;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, "report the upload's offset", cancellationToken);
        }
        return UploadOffset(response);
    }

    /// <returns>The offset the server reports after storing the chunk.</returns>
    public async Task<long> PatchAsync(
        Uri upload, SafeFileHandle recording, long offset, long length, byte[] chunkSha256,
        Action<long> onProgress, CancellationToken cancellationToken)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(PatchStallTimeout);
        var body = new FileRangeStream(recording, offset, length, sent =>
        {
            stall.CancelAfter(PatchStallTimeout);
            onProgress(sent);
        });
        using var request = new HttpRequestMessage(HttpMethod.Patch, upload)
        {
            Content = new StreamContent(body, PatchCopyBufferSize),
        };
        request.Content.Headers.ContentType = OffsetOctetStream;
        request.Content.Headers.ContentLength = length;
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Checksum", "sha256 " + Convert.ToBase64String(chunkSha256));
        // A 409 or 423 then costs a round trip instead of a whole chunk sent for nothing.
        request.Headers.ExpectContinue = true;
        using var response = await SendAsync(request, stall, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw await FailureAsync(response, "store a chunk", cancellationToken);
        }
        return UploadOffset(response);
    }

    /// <summary>tus termination, for an unfinished upload of a recording that has since changed.</summary>
    public async Task TerminateAsync(Uri upload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, upload);
        using var response = await SendAsync(request, cancellationToken);
    }

    public async Task<UploadStatus> GetStatusAsync(string uploadId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{server}/api/ingest/uploads/{Uri.EscapeDataString(uploadId)}"));
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await FailureAsync(response, "report the upload's status", cancellationToken);
        }
        var notUnderstood = new UploadStoppedException(
            UploadExitCode.Refused, $"the server's status of upload {uploadId} is not the expected JSON; is --server a BodyCam.Evidence server?");
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            throw notUnderstood;
        }
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxAnswerBytes, cancellationToken);
            return await response.Content.ReadFromJsonAsync<UploadStatus>(Json, cancellationToken) ?? throw notUnderstood;
        }
        catch (JsonException)
        {
            throw notUnderstood;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new TransientUploadException($"reading the status failed: {e.Message}", e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        return await SendAsync(request, timeout, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (HttpRequestException e)
        {
            throw new TransientUploadException($"{request.Method} failed: {e.GetBaseException().Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientUploadException($"{request.Method} timed out", e);
        }
    }

    private static long UploadOffset(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Upload-Offset", out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw new UploadStoppedException(UploadExitCode.Refused, "the server's answer carries no valid Upload-Offset.");

    /// <summary>
    /// 5xx, 423 (another request holds the upload), 409 (offset mismatch) and 460 (checksum mismatch) are
    /// transient; any other status is a refusal, told with the server's RFC 9457 problem details.
    /// </summary>
    private static async Task<Exception> FailureAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var description = $"{status} {response.ReasonPhrase}".TrimEnd() + await ProblemAsync(response, cancellationToken);
        return status >= 500 || response.StatusCode is HttpStatusCode.Locked or HttpStatusCode.Conflict || status == ChecksumMismatch
            ? new TransientUploadException($"the server could not {action}: {description}")
            : new UploadStoppedException(UploadExitCode.Refused, $"the server refused to {action}: {description}");
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return "";
        }
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxAnswerBytes, cancellationToken);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var text = new StringBuilder();
            foreach (var member in new[] { "title", "detail" })
            {
                if (problem.RootElement.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    text.Append(" — ").Append(value.GetString());
                }
            }
            if (problem.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    text.Append(CultureInfo.InvariantCulture, $" {field.Name}: {string.Join(" ", field.Value.EnumerateArray())}");
                }
            }
            return text.ToString();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or HttpRequestException or IOException)
        {
            return "";
        }
    }
}
