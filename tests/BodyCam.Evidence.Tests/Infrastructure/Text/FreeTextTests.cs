using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Infrastructure.Pipeline;
using BodyCam.Evidence.Tests.Support;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Infrastructure.Text;

/// <summary>
/// The one rule for text, from outside: a NUL (which PostgreSQL cannot store) or a right-to-left override (which
/// makes text display as other text) in any text a client sends is a 400 naming the field, recorded as a custody
/// event, and nothing is stored.
/// </summary>
public sealed partial class FreeTextTests(ApiProfile profile) : ApiTests(profile)
{
    private const string Officer = "text-officer";
    private const string Unit = "Text-Unit";

    /// <summary>Stand-ins for the characters sent, so that test names stay printable.</summary>
    private static readonly Dictionary<string, string> Poisons = new() { ["NUL"] = "\0", ["RLO"] = "\u202E" };

    private string _dockKey = "";
    private Guid _item;

    [OneTimeSetUp]
    public async Task SeedVerifiedItem()
    {
        _dockKey = await Api.RegisterDockAsync();
        var officer = await Api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/officers/{Officer}", new { name = "Text Officer", unit = Unit });
        officer.EnsureSuccessStatusCode();
        _item = await Api.DockClient(_dockKey).UploadVerifiedRecordingAsync(Officer);
    }

    public static IEnumerable<TestCaseData> FieldsNamedInTheIssue()
    {
        var fields = new (string Name, Caller Caller, string Field, Func<Guid, string, HttpRequestMessage> Request)[]
        {
            ("dock site", Caller.Admin, "site", (_, text) => Json(HttpMethod.Post, "/api/docks", new { name = "Text dock", site = text })),
            ("legal hold reason", Caller.Custodian, "reason",
                (_, text) => Json(HttpMethod.Post, "/api/legal-holds", new { reason = text, matter = "Text v. Test", officerId = Officer })),
            ("legal hold matter", Caller.Custodian, "matter",
                (_, text) => Json(HttpMethod.Post, "/api/legal-holds", new { reason = "Text", matter = text, officerId = Officer })),
            ("clip purpose", Caller.OversightBoard, "purpose",
                (item, text) => Json(HttpMethod.Post, "/api/clip-requests", new { evidenceId = item, startSeconds = 0, endSeconds = 1, purpose = text })),
            ("content reason parameter", Caller.Officer, "reason",
                (item, text) => new HttpRequestMessage(HttpMethod.Get, $"/api/evidence/{item}/content?reason={Uri.EscapeDataString(text)}")),
            ("content reason header", Caller.Officer, "reason", (item, text) => WithHeader(HttpMethod.Get, $"/api/evidence/{item}/content", "X-Access-Reason", text)),
            ("poster reason parameter", Caller.Officer, "reason",
                (item, text) => new HttpRequestMessage(HttpMethod.Get, $"/api/evidence/{item}/poster?reason={Uri.EscapeDataString(text)}")),
            ("poster reason header", Caller.Officer, "reason", (item, text) => WithHeader(HttpMethod.Get, $"/api/evidence/{item}/poster", "X-Access-Reason", text)),
            ("search officerId", Caller.Custodian, "officerId",
                (_, text) => new HttpRequestMessage(HttpMethod.Get, $"/api/evidence?officerId={Uri.EscapeDataString(text)}")),
            ("audit actor", Caller.Auditor, "actor", (_, text) => new HttpRequestMessage(HttpMethod.Get, $"/api/audit?actor={Uri.EscapeDataString(text)}")),
        };
        return from field in fields
               from poison in Poisons.Keys
               select new TestCaseData(field.Caller, field.Field, field.Request, poison).SetArgDisplayNames(field.Name, poison);
    }

    [TestCaseSource(nameof(FieldsNamedInTheIssue))]
    public async Task Text_that_PostgreSQL_cannot_store_or_that_shows_as_other_text_is_an_audited_400(
        Caller caller, string field, Func<Guid, string, HttpRequestMessage> request, string poison)
    {
        var before = await LastSequenceAsync();

        using var sent = request(_item, $"text{Poisons[poison]}text");
        var response = await ClientAs(caller).SendAsync(sent);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
        Assert.That(await RefusalsSinceAsync(before), Has.Some.StartsWith($"{sent.Method} {sent.RequestUri!.AbsolutePath}: {field}: U+"));
    }

    [Test]
    public async Task A_refused_request_changes_nothing_stored()
    {
        var before = await LastSequenceAsync();

        var response = await Api.ClientFor(Roles.Admin, "ada").PostAsJsonAsync("/api/docks", new { name = "Dock of no site", site = "North\0" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        await using var db = Api.OpenDb();
        Assert.That(await db.Docks.AnyAsync(d => d.Name == "Dock of no site"), Is.False);
        var events = await db.CustodyEvents.Where(e => e.Sequence > before && e.ActorKind != ActorKind.System).ToListAsync();
        Assert.That(events.Select(e => (e.Action, e.ActorId, e.Outcome)), Is.EqualTo(new[] { (CustodyAction.RequestRefused, "ada", CustodyOutcome.Denied) }));
        Assert.That(events[0].Reason, Is.EqualTo(
            "POST /api/docks: site: U+0000 (a control character) at character 6 is not allowed: text may not hold control characters, "
            + "bidirectional or zero-width formatting characters, or line separators."));
    }

    [Test]
    public async Task A_note_keeps_its_line_breaks_where_a_title_refuses_them()
    {
        var note = await Api.ClientFor(Roles.Officer, Officer, Unit).PostAsJsonAsync($"/api/evidence/{_item}/notes", new { text = "First line.\r\nSecond line." });
        var title = await Api.ClientFor(Roles.Custodian, "cus").PutAsJsonAsync("/api/cases/TEXT-1", new { title = "First line.\nSecond line." });
        var tab = await Api.ClientFor(Roles.Officer, Officer, Unit).PostAsJsonAsync($"/api/evidence/{_item}/notes", new { text = "Column\tcolumn" });

        Assert.That(note.StatusCode, Is.EqualTo(HttpStatusCode.Created), await note.Content.ReadAsStringAsync());
        Assert.That((await title.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("title")[0].GetString(), Does.StartWith("U+000A"));
        Assert.That((await tab.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("text")[0].GetString(), Does.StartWith("U+0009"));
    }

    [TestCase("evil{RLO}4pm.exe")]
    [TestCase("   ")]
    [TestCase("clip{NUL}.mp4")]
    [TestCase("zero{ZWSP}width.mp4")]
    public async Task A_tus_file_name_that_is_not_plain_text_is_an_audited_400_and_no_upload(string name)
    {
        var before = await LastSequenceAsync();
        await using var db = Api.OpenDb();
        var uploads = await db.Uploads.CountAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ingest/tus/");
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", "10");
        request.Headers.Add("Upload-Metadata", Recording.MetadataHeader(new Dictionary<string, string>
        {
            ["filename"] = Poisoned(name),
            ["deviceSerial"] = "X60-000001",
            ["officerId"] = Officer,
            ["recordedStart"] = "2026-11-26T08:00:00Z",
            ["recordedEnd"] = "2026-11-26T08:05:00Z",
        }));

        var response = await Api.DockClient(_dockKey).SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("filename", out _), Is.True, problem.ToString());
        Assert.That(await db.Uploads.CountAsync(), Is.EqualTo(uploads));
        Assert.That(await RefusalsSinceAsync(before), Has.Some.StartsWith("POST /ingest/tus/: filename: "));
    }

    [TestCase("object", "evil{RLO}4pm.mp4")]
    [TestCase("object", "   ")]
    [TestCase("container", "Rejected{RLO}")]
    public async Task A_Swift_name_that_is_not_plain_text_is_an_audited_400(string field, string name)
    {
        using var controller = await AxisSite.ConnectAsync(Api.ClientFor(Roles.Admin, "ada"), Api.Server.BaseAddress, "Text site", Api.CreateClient());
        await controller.AuthenticateAsync();
        var before = await LastSequenceAsync();

        var response = field == "object"
            ? await controller.PutObjectAsync("Devices", Poisoned(name), [1, 2, 3])
            : await controller.PutContainerAsync(Poisoned(name));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
        Assert.That(await RefusalsSinceAsync(before), Has.Some.Contains($": {field}: "));
    }

    /// <summary>
    /// Walks the served OpenAPI document: every string parameter (query, path, header) and every string in a request
    /// body, sent once with a NUL (but in a path) and once with U+202E in a request that is otherwise the authorisation matrix's own,
    /// by a caller the matrix lets through. A body field the document names but the endpoint does not read cannot be
    /// reached this way; those are listed in the test's output.
    /// </summary>
    [Test]
    public async Task Every_text_field_of_every_documented_endpoint_is_refused_with_an_audited_400()
    {
        var document = await Api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var endpoints = Api.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var failures = new List<string>();
        var unread = new List<string>();
        var fieldsSent = 0;

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name != "parameters"))
            {
                var method = operation.Name.ToUpperInvariant();
                var access = AuthorizationMatrixTests.Matrix.Single(a => a.Endpoint == $"{method} {path.Name}" || Route(a.Endpoint) == $"{method} {Route(path.Name)}");
                var endpoint = endpoints.Single(e => Route($"{method} {e.RoutePattern.RawText}") == $"{method} {Route(path.Name)}"
                    && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) == true);
                var bodyType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
                foreach (var field in TextFields(document, operation.Value))
                {
                    if (field.In == "body" && bodyType is not null && !Reads(bodyType, (string)field.Path[0]))
                    {
                        unread.Add($"{method} {path.Name}: {field.Name}");
                        continue;
                    }
                    fieldsSent++;
                    // ASP.NET refuses a NUL in a request's path itself (Kestrel answers 400 before any endpoint runs).
                    foreach (var (poison, character) in Poisons.Where(p => field.In != "path" || p.Key != "NUL"))
                    {
                        var before = await LastSequenceAsync();
                        using var request = Request(access, method, path.Name, field, $"text{character}text");
                        using var response = await ClientAs(access.Allowed.FirstOrDefault()).SendAsync(request);
                        var answer = await response.Content.ReadAsStringAsync();
                        var refusals = await RefusalsSinceAsync(before);
                        var what = $"{method} {path.Name} {field.Name} with {poison}";
                        if (response.StatusCode != HttpStatusCode.BadRequest)
                        {
                            failures.Add($"{what}: {(int)response.StatusCode} {answer}");
                        }
                        else if (method != "HEAD" && !NamesField(answer, field.Name))
                        {
                            failures.Add($"{what}: the problem does not name the field: {answer}");
                        }
                        else if (!refusals.Any(reason => reason.StartsWith($"{method} ", StringComparison.Ordinal) && reason.Contains(field.Name, StringComparison.OrdinalIgnoreCase)))
                        {
                            failures.Add($"{what}: no custody event names the field: {string.Join(" | ", refusals)}");
                        }
                    }
                }
            }
        }

        TestContext.Out.WriteLine($"{fieldsSent} text fields sent; documented body fields the server does not read: {(unread.Count == 0 ? "none" : string.Join(", ", unread))}");
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
        Assert.That(fieldsSent, Is.GreaterThanOrEqualTo(40), "the walk reached the document's text fields");
    }

    private sealed record TextField(string In, string Name, IReadOnlyList<object> Path);

    /// <summary>String parameters and request body strings of an operation, without a format: what a client writes as text.</summary>
    private static IEnumerable<TextField> TextFields(JsonElement document, JsonElement operation)
    {
        if (operation.TryGetProperty("parameters", out var parameters))
        {
            foreach (var parameter in parameters.EnumerateArray())
            {
                var name = parameter.GetProperty("name").GetString()!;
                if (IsText(document, parameter.GetProperty("schema")))
                {
                    yield return new TextField(parameter.GetProperty("in").GetString()!, name, [name]);
                }
            }
        }
        if (operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json))
        {
            foreach (var path in TextPaths(document, json.GetProperty("schema"), [], depth: 0))
            {
                yield return new TextField("body", string.Concat(path.Select((segment, i) => segment is int index ? $"[{index}]" : i == 0 ? segment : $".{segment}")), path);
            }
        }
    }

    private static IEnumerable<IReadOnlyList<object>> TextPaths(JsonElement document, JsonElement schema, IReadOnlyList<object> path, int depth)
    {
        schema = Resolve(document, schema);
        if (IsText(document, schema) && path.Count > 0)
        {
            yield return path;
        }
        if (depth > 3)
        {
            yield break;
        }
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                foreach (var inner in TextPaths(document, property.Value, [.. path, property.Name], depth + 1))
                {
                    yield return inner;
                }
            }
        }
        if (schema.TryGetProperty("items", out var items))
        {
            foreach (var inner in TextPaths(document, items, [.. path, 0], depth + 1))
            {
                yield return inner;
            }
        }
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private static bool IsText(JsonElement document, JsonElement schema)
    {
        schema = Resolve(document, schema);
        if (schema.TryGetProperty("format", out _) || !schema.TryGetProperty("type", out var type))
        {
            return false;
        }
        var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToArray() : [type.GetString()];
        return types.Where(t => t != "null").SequenceEqual(["string"]);
    }

    private static bool Reads(Type bodyType, string property) =>
        bodyType.GetProperties().Any(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name) == property);

    private static bool NamesField(string problem, string field) =>
        JsonSerializer.Deserialize<JsonElement>(problem).TryGetProperty("errors", out var errors)
        && errors.EnumerateObject().Any(error => string.Equals(error.Name, field, StringComparison.OrdinalIgnoreCase));

    /// <summary>The matrix's request for the operation, with <paramref name="text"/> in the one field.</summary>
    private HttpRequestMessage Request(AuthorizationMatrixTests.Access access, string method, string template, TextField field, string text)
    {
        var baseline = access.Path(_item).Split('?');
        var segments = baseline[0].Split('/');
        var query = QueryHelpers.ParseQuery(baseline.Length > 1 ? baseline[1] : "").ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
        var body = access.Body is null ? null : JsonSerializer.SerializeToNode(access.Body, JsonSerializerOptions.Web)!.AsObject();
        switch (field.In)
        {
            case "path":
                segments[Array.IndexOf(template.Split('/'), $"{{{field.Name}}}")] = Uri.EscapeDataString(text);
                break;
            case "query":
                query[field.Name] = text;
                break;
            case "body":
                body ??= new JsonObject();
                Place(body, field.Path, text);
                break;
        }
        var uri = string.Join('/', segments) + (query.Count == 0 ? "" : "?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
        var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        if (field.In == "header")
        {
            request.Headers.TryAddWithoutValidation(field.Name, text);
        }
        if (access.Tus)
        {
            request.Headers.Add("Tus-Resumable", "1.0.0");
            if (method == "PATCH")
            {
                request.Content = new ByteArrayContent([]);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
                request.Headers.Add("Upload-Offset", "0");
            }
        }
        return request;
    }

    /// <summary>Sets the value at a path of property names and indexes, making the objects and arrays on the way; an array keeps one element.</summary>
    private static void Place(JsonObject body, IReadOnlyList<object> path, string text)
    {
        JsonNode parent = body;
        for (var i = 0; i < path.Count; i++)
        {
            var last = i == path.Count - 1;
            JsonNode child = last ? JsonValue.Create(text)! : path[i + 1] is int ? new JsonArray() : new JsonObject();
            if (path[i] is string name && (last || parent[name] is null))
            {
                parent[name] = child;
            }
            else if (path[i] is int)
            {
                parent.AsArray().Clear();
                parent.AsArray().Add(child);
            }
            parent = path[i] is string property ? parent[property]! : child;
        }
    }

    /// <summary>"GET /api/evidence/{evidenceId:guid}/" and "GET /api/evidence/{evidenceId}" are one route.</summary>
    private static string Route(string route) => RouteParameter().Replace(route, "{$1}").TrimEnd('/');

    [GeneratedRegex(@"\{\**([^}:=?]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    private HttpClient ClientAs(Caller caller) => caller switch
    {
        Caller.Anonymous => Api.CreateClient(),
        Caller.Dock => Api.DockClient(_dockKey),
        Caller.Officer => Api.ClientFor(Roles.Officer, Officer, Unit),
        Caller.Supervisor => Api.ClientFor(Roles.Supervisor, "text-supervisor", Unit),
        _ => Api.ClientFor(caller.ToString(), "text-" + caller.ToString().ToLowerInvariant()),
    };

    private async Task<long> LastSequenceAsync()
    {
        await using var db = Api.OpenDb();
        return await db.CustodyEvents.MaxAsync(e => e.Sequence) ?? -1;
    }

    private async Task<List<string>> RefusalsSinceAsync(long sequence)
    {
        await using var db = Api.OpenDb();
        return await db.CustodyEvents.Where(e => e.Sequence > sequence && e.Action == CustodyAction.RequestRefused && e.Outcome == CustodyOutcome.Denied)
            .Select(e => e.Reason!).ToListAsync();
    }

    private static string Poisoned(string name) => name.Replace("{NUL}", "\0").Replace("{RLO}", "\u202E").Replace("{ZWSP}", "\u200B");

    private static HttpRequestMessage Json(HttpMethod method, string path, object body) => new(method, path) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage WithHeader(HttpMethod method, string path, string header, string value)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }
}
