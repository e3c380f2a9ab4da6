using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// Plays an Axis body worn system controller: it reads a connection file, takes a Swift token from the
/// authentication URI it names and sends the requests of the Body Worn Integration API over HTTP.
/// Answers are returned as they came, so a test can assert on any of them.
/// </summary>
internal sealed class AxisSystemController : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <param name="connectionFile">The connection file JSON, as the content destination handed it out.</param>
    /// <param name="http">A client for hosts without a network listener; by default the controller makes its own.</param>
    public AxisSystemController(string connectionFile, HttpClient? http = null)
    {
        ConnectionFile = JsonSerializer.Deserialize<JsonElement>(connectionFile);
        AuthenticationUri = new Uri(ConnectionFile.GetProperty("AuthenticationTokenURI")[0].GetString()!);
        UserName = ConnectionFile.GetProperty("BlobAPIUserName").GetString()!;
        Key = ConnectionFile.GetProperty("BlobAPIKey").GetString()!;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient();
    }

    public JsonElement ConnectionFile { get; }
    public Uri AuthenticationUri { get; }
    public string UserName { get; }
    public string Key { get; }

    /// <summary>The last token <see cref="AuthenticateAsync"/> took; tests may replace it to send another.</summary>
    public string? Token { get; set; }

    public string StorageUrl { get; private set; } = "";

    /// <summary>X-Auth-Token-Expires of the last token: seconds it has left to live, as the server counted them.</summary>
    public string? TokenExpiresIn { get; private set; }

    /// <summary>GET /auth/v1.0 with this account's user and key; keeps the token and the storage URL it answers with.</summary>
    public async Task<(string Token, string StorageUrl)> AuthenticateAsync()
    {
        var response = await RequestTokenAsync(UserName, Key);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Token = Header(response, "X-Auth-Token");
        StorageUrl = Header(response, "X-Storage-Url")!;
        TokenExpiresIn = Header(response, "X-Auth-Token-Expires");
        Assert.That(Token, Is.Not.Null.And.Not.Empty, "the answer carries X-Auth-Token");
        Assert.That(Uri.IsWellFormedUriString(StorageUrl, UriKind.Absolute), Is.True, $"X-Storage-Url is absolute: '{StorageUrl}'");
        return (Token!, StorageUrl);
    }

    /// <summary>GET /auth/v1.0 with the headers given; a null value leaves its header out.</summary>
    public Task<HttpResponseMessage> RequestTokenAsync(string? user, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, AuthenticationUri);
        if (user is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Auth-User", user);
        }
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Auth-Key", key);
        }
        return _http.SendAsync(request);
    }

    /// <summary>A request to <paramref name="path"/> under the storage URL, carrying the current token if there is one.</summary>
    public HttpRequestMessage CreateRequest(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, StorageUri(path));
        if (Token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Auth-Token", Token);
        }
        return request;
    }

    public Uri StorageUri(string path) =>
        new(StorageUrl.TrimEnd('/') + "/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString)));

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path) => SendAsync(CreateRequest(method, path));

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<HttpResponseMessage> HeadAsync(string path) => SendAsync(HttpMethod.Head, path);

    public Task<HttpResponseMessage> PutContainerAsync(string name, IReadOnlyDictionary<string, string>? metadata = null) =>
        SendAsync(WithMetadata(CreateRequest(HttpMethod.Put, name), "Container", metadata));

    public Task<HttpResponseMessage> PostContainerAsync(string name, IReadOnlyDictionary<string, string> metadata) =>
        SendAsync(WithMetadata(CreateRequest(HttpMethod.Post, name), "Container", metadata));

    public Task<HttpResponseMessage> PutObjectAsync(
        string container, string name, byte[] body, IReadOnlyDictionary<string, string>? metadata = null, string? etag = null) =>
        PutObjectAsync(container, name, new ByteArrayContent(body), metadata, etag);

    public Task<HttpResponseMessage> PutObjectAsync(
        string container, string name, Stream body, IReadOnlyDictionary<string, string>? metadata = null, string? etag = null) =>
        PutObjectAsync(container, name, new StreamContent(body), metadata, etag);

    public Task<HttpResponseMessage> PutObjectAsync(
        string container, string name, HttpContent body, IReadOnlyDictionary<string, string>? metadata = null, string? etag = null)
    {
        var request = WithMetadata(CreateRequest(HttpMethod.Put, $"{container}/{name}"), "Object", metadata);
        body.Headers.ContentType ??= new MediaTypeHeaderValue(ContentTypeOf(name));
        request.Content = body;
        if (etag is not null)
        {
            // Swift takes the MD5 of the body as a bare hex string, not as a quoted HTTP entity tag.
            request.Headers.TryAddWithoutValidation("ETag", etag);
        }
        return SendAsync(request);
    }

    public Task<HttpResponseMessage> PostObjectAsync(string container, string name, IReadOnlyDictionary<string, string> metadata) =>
        SendAsync(WithMetadata(CreateRequest(HttpMethod.Post, $"{container}/{name}"), "Object", metadata));

    /// <summary>Registers an officer the way the manager does when a user is added: an object in <c>Users</c>.</summary>
    public Task<HttpResponseMessage> PutUserAsync(string userUuid, string name, string? userId = null, bool active = true)
    {
        var metadata = new Dictionary<string, string> { ["Name"] = name, ["Active"] = active ? "True" : "False" };
        if (userId is not null)
        {
            metadata["UserID"] = userId;
        }
        return PutObjectAsync("Users", userUuid, [], metadata);
    }

    /// <summary>Registers a camera the way the manager does when a BWC is added: an object in <c>Devices</c>.</summary>
    public Task<HttpResponseMessage> PutDeviceAsync(string serial, string name, string model = "W110", bool active = true) =>
        PutObjectAsync("Devices", serial, [], new Dictionary<string, string> { ["Name"] = name, ["Model"] = model, ["Active"] = active ? "True" : "False" });

    /// <summary>
    /// POSTs <c>Status: Complete</c> until the answer is no longer 503 (waiting as Retry-After asks, at most
    /// <paramref name="longestWait"/> at a time) or <paramref name="deadline"/> passes. Returns the last answer
    /// and whether every 503 carried a Retry-After.
    /// </summary>
    public async Task<(HttpResponseMessage Last, bool EveryBusyAnswerSaidWhenToRetry)> CompleteAsync(
        string container, TimeSpan deadline, TimeSpan? longestWait = null)
    {
        var giveUpAt = DateTime.UtcNow + deadline;
        var cap = longestWait ?? TimeSpan.FromSeconds(2);
        var saidWhen = true;
        while (true)
        {
            var response = await PostContainerAsync(container, new Dictionary<string, string> { ["Status"] = "Complete" });
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > giveUpAt)
            {
                return (response, saidWhen);
            }
            var retryAfter = RetryAfter(response);
            saidWhen &= retryAfter is not null;
            var wait = retryAfter ?? TimeSpan.FromMilliseconds(500);
            await Task.Delay(TimeSpan.FromTicks(Math.Clamp(wait.Ticks, TimeSpan.FromMilliseconds(100).Ticks, cap.Ticks)));
        }
    }

    /// <summary>
    /// The header name for a metadata key, cased as the specification says: the first letter and every letter
    /// after a hyphen upper case, all others lower case (<c>BWCSerialNumber</c> is sent as <c>X-Container-Meta-Bwcserialnumber</c>).
    /// </summary>
    public static string MetadataHeader(string kind, string key)
    {
        var name = new StringBuilder($"X-{kind}-Meta-{key}");
        var upper = true;
        for (var i = 0; i < name.Length; i++)
        {
            name[i] = upper ? char.ToUpperInvariant(name[i]) : char.ToLowerInvariant(name[i]);
            upper = name[i] == '-';
        }
        return name.ToString();
    }

    /// <summary>Header values are URL-encoded UTF-8, so anything a user typed travels as ASCII.</summary>
    public static string EncodeValue(string value) => Uri.EscapeDataString(value);

    public static string Md5Hex(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) || response.Content.Headers.NonValidated.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;

    /// <summary>Retry-After as seconds or as a date, measured from now.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static HttpRequestMessage WithMetadata(HttpRequestMessage request, string kind, IReadOnlyDictionary<string, string>? metadata)
    {
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(MetadataHeader(kind, key), EncodeValue(value));
        }
        return request;
    }

    private static string ContentTypeOf(string objectName) => Path.GetExtension(objectName) switch
    {
        ".mp4" => "video/mp4",
        ".mkv" => "video/x-matroska",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
