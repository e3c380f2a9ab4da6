using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Tests.Support;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Ingestion;

/// <summary>
/// Azurite is stopped in the middle of an upload and started again. Only the production profile has a blob
/// store that can go away on its own while the database stays.
/// </summary>
[NonParallelizable]
public sealed class StoreOutageTests
{
    private const int RecordingSize = 32 * 1024 * 1024;
    private const long OutageAfter = 4 * 1024 * 1024;

    private EvidenceApiFactory _api = null!;

    [SetUp]
    public async Task StartApi() =>
        _api = await EvidenceApiFactory.StartAsync(ApiProfile.Production, overNetwork: true, ("Ingestion:BlockSizeBytes", "262144"));

    [TearDown]
    public async Task StopApi() => await _api.DisposeAsync();

    [Test]
    public async Task An_upload_survives_the_blob_store_going_away_and_coming_back()
    {
        using var recording = Recording.Random(RecordingSize);
        var dockKey = await _api.RegisterDockAsync();
        using var dock = _api.DockClient(dockKey);
        dock.DefaultRequestHeaders.Add("Tus-Resumable", "1.0.0");
        using var responses = new ResponseRecorder("/ingest/tus/");

        var client = TusJsClient.UploadAsync(new Uri(_api.BaseAddress, "/ingest/tus/"), recording.Path, new
        {
            chunkSize = 4 * 1024 * 1024,
            retryDelays = new[] { 500, 1000, 2000, 3000, 5000, 5000, 5000 },
            metadata = recording.Metadata(),
            headers = new Dictionary<string, string> { ["X-Dock-Key"] = dockKey },
        });
        var upload = await UploadOfAsync(client);
        await WaitUntilAsync(async () => await OffsetAsync(dock, upload) > OutageAfter || client.IsCompleted, "the upload to pass 4 MiB");

        long offsetAtOutage, offsetAfterOutage;
        try
        {
            await AzuriteAsync("stop");
            offsetAtOutage = await OffsetAsync(dock, upload);
            // The store stays away until the server gives up on it. The Azure SDK's default policy tries a Put
            // Block 6 times over about 25 s (exponential back-off from 0.8 s), so any shorter outage only stalls
            // the PATCH, and neither the server's answer to a failed store nor the client's resume gets tested.
            await WaitUntilAsync(
                () => Task.FromResult(responses.Failed(HttpMethods.Patch).Count > 0 || client.IsCompleted),
                "the server to answer a PATCH with a failure while the store is away",
                TimeSpan.FromSeconds(40));
            offsetAfterOutage = await OffsetAsync(dock, upload);
        }
        finally
        {
            await AzuriteAsync("start");
        }
        var uploadUrl = await client;
        var failures = responses.Failed();

        var status = await dock.WaitUntilSettledAsync(uploadUrl.Segments[^1]);
        var stored = status.Status == "Verified" ? await StoredSha256Async(status.EvidenceId) : null;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(offsetAtOutage, Is.LessThan(recording.Length), "the upload finished before the store went away");
            Assert.That(offsetAfterOutage, Is.InRange(offsetAtOutage, recording.Length - 1), "bytes committed before the outage were lost, or the upload ended during it");
            Assert.That((status.Status, status.Sha256, status.Bytes), Is.EqualTo(("Verified", recording.Sha256, recording.Length)));
            Assert.That(stored, Is.EqualTo(recording.Sha256));
            Assert.That(failures.Select(answer => answer.Status), Is.Not.Empty.And.All.EqualTo(StatusCodes.Status503ServiceUnavailable), string.Join('\n', failures));
        }
    }

    /// <summary>The client only names its upload when it is done; the fixture's own database holds just this one.</summary>
    private async Task<Uri> UploadOfAsync(Task client)
    {
        string? uploadId = null;
        await WaitUntilAsync(async () =>
        {
            await using var db = _api.OpenDb();
            uploadId = await db.Uploads.Select(u => u.Id).SingleOrDefaultAsync();
            return uploadId is not null || client.IsCompleted;
        }, "tus-js-client to create its upload");
        return new Uri(_api.BaseAddress, $"/ingest/tus/{uploadId ?? throw new InvalidOperationException("The client finished without an upload: " + client.Exception)}");
    }

    private static Task<string> AzuriteAsync(string command) =>
        LocalServices.RunAsync("bash", Path.Combine(LocalServices.RepositoryRoot, "deploy", "local", "azurite.sh"), command);

    private static async Task<long> OffsetAsync(HttpClient dock, Uri upload)
    {
        using var head = await dock.SendAsync(new HttpRequestMessage(HttpMethod.Head, upload));
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return long.Parse(head.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "Timed out waiting for " + what);
            await Task.Delay(20);
        }
    }

    private async Task<string> StoredSha256Async(Guid evidenceId)
    {
        await using var db = _api.OpenDb();
        var blobName = await db.EvidenceItems.Where(e => e.Id == evidenceId).Select(e => e.BlobName).SingleAsync();
        await using var stored = await _api.Service<IBlobStore>().OpenReadAsync(blobName, 0, null, CancellationToken.None);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stored));
    }

    private sealed record Answer(string Method, string Path, int Status, string? Exception)
    {
        public override string ToString() => $"{Method} {Path} → {Status}: {Exception}";
    }

    /// <summary>
    /// What the in-process server answered, with the exception its problem-details handler turned into the
    /// answer, from ASP.NET Core's hosting diagnostics: tus-js-client retries silently, so its own output
    /// cannot say which status a failed PATCH got.
    /// </summary>
    private sealed class ResponseRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _pathPrefix;
        private readonly ConcurrentQueue<Answer> _answers = new();
        private readonly List<IDisposable> _subscriptions = [];
        private readonly IDisposable _allListeners;

        public ResponseRecorder(string pathPrefix)
        {
            _pathPrefix = pathPrefix;
            _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public IReadOnlyList<Answer> Failed(string? method = null) =>
            [.. _answers.Where(answer => (method is null || answer.Method == method) && answer.Status >= 500)];

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.AspNetCore")
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> diagnostic)
        {
            if (diagnostic is { Key: "Microsoft.AspNetCore.Hosting.HttpRequestIn.Stop", Value: HttpContext context }
                && context.Request.Path.StartsWithSegments(_pathPrefix.TrimEnd('/'), StringComparison.Ordinal))
            {
                var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                _answers.Enqueue(new Answer(
                    context.Request.Method, context.Request.Path, context.Response.StatusCode, exception is null ? null : $"{exception.GetType()}: {exception.Message}"));
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _allListeners.Dispose();
            lock (_subscriptions)
            {
                _subscriptions.ForEach(subscription => subscription.Dispose());
            }
        }
    }
}
