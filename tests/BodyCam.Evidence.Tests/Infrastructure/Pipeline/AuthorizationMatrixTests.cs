using System.Net;
using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Infrastructure.Pipeline;

public enum Caller
{
    Anonymous,
    Dock,
    Officer,
    Supervisor,
    Custodian,
    OversightBoard,
    Auditor,
    Admin,
}

/// <summary>
/// Who may call what, for every endpoint the server maps. The table is written by hand; the endpoint list is read
/// from the running host, so a new endpoint without a row fails <see cref="Every_mapped_endpoint_has_a_row_and_every_row_an_endpoint"/>.
/// The seeded item belongs to the officer and the supervisor's unit, so only roles are tested here; scope has its own tests.
/// </summary>
[NonParallelizable]
public sealed class AuthorizationMatrixTests
{
    private const string OfficerId = "matrix-officer";
    private const string Unit = "Matrix-Unit";

    private static readonly Caller[] People = [Caller.Officer, Caller.Supervisor, Caller.Custodian, Caller.OversightBoard, Caller.Auditor, Caller.Admin];
    private static readonly Caller[] Authenticated = [Caller.Dock, .. People];
    private static readonly Caller[] Everyone = [Caller.Anonymous, .. Authenticated];

    internal static readonly Access[] Matrix =
    [
        Public("* /health/live"),
        Public("* /health/ready"),
        Public("GET /openapi/{documentName}.json", _ => "/openapi/v1.json"),
        Public("GET /scalar/{documentName?}", _ => "/scalar/v1"),
        Public("GET /scalar/scalar.js"),
        Public("GET /scalar/scalar.aspnetcore.js"),
        Public("GET /scalar/favicon.svg"),
        Public("GET /api/ledger/checkpoint"),
        Public("GET /api/ledger/key"),
        Public("GET /log/checkpoint"),
        Public("GET /log/tile/{**path}", _ => "/log/tile/0/000.p/1"),
        new("GET /log/tile/entries/{**path}", _ => "/log/tile/entries/000.p/1", null, [Caller.Auditor]),
        Public("OPTIONS /ingest/tus/"),
        Public("OPTIONS /ingest/tus/{uploadId}", _ => "/ingest/tus/0123456789abcdef0123456789abcdef"),
        new("* /hangfire/{**path}", _ => "/hangfire", null, [Caller.Admin]) { AnonymousSignsIn = true },
        new("GET /api/me", null, null, Authenticated),
        new("POST /api/docks", null, new { name = "Matrix dock" }, [Caller.Admin]),
        new("GET /api/docks", null, null, [Caller.Admin]),
        new("GET /api/officers", null, null, [Caller.Admin]),
        new("POST /api/axis/connection-files", null, new { siteName = "Matrix site", url = "https://evidence.example.org" }, [Caller.Admin]),
        new("PUT /api/officers/{officerId}", _ => "/api/officers/matrix-other", new { name = "Other Officer", unit = "Other-Unit" }, [Caller.Admin]),
        new("PUT /api/categories/{categoryId}", _ => "/api/categories/matrix", new { name = "Matrix", retentionDays = 30 }, [Caller.Admin]),
        new("GET /api/categories", null, null, Authenticated),
        new("POST /api/categories", null, new { name = "Matrix created", retentionDays = 30 }, [Caller.Admin]),
        new("PUT /api/evidence/{evidenceId:guid}/categories", item => $"/api/evidence/{item}/categories", new { categories = Array.Empty<string>() },
            [Caller.Officer, Caller.Supervisor, Caller.Custodian]),
        new("POST /api/evidence/{evidenceId:guid}/fixity-check", item => $"/api/evidence/{item}/fixity-check", null, [Caller.Custodian]),
        new("PUT /api/cases/{caseNumber}", _ => "/api/cases/MATRIX-1", new { title = "Matrix case" }, [Caller.Custodian, Caller.Supervisor]),
        new("GET /api/cases/{caseNumber}", _ => "/api/cases/MATRIX-1", null, [Caller.Officer, Caller.Supervisor, Caller.Custodian, Caller.Auditor]),
        new("POST /api/evidence/{evidenceId:guid}/cases", item => $"/api/evidence/{item}/cases", new { caseNumber = "MATRIX-1" },
            [Caller.Custodian, Caller.Supervisor]),
        new("DELETE /api/evidence/{evidenceId:guid}/cases/{caseNumber}", item => $"/api/evidence/{item}/cases/MATRIX-1", null,
            [Caller.Custodian, Caller.Supervisor]),
        new("POST /api/evidence/{evidenceId:guid}/notes", item => $"/api/evidence/{item}/notes", new { text = "Matrix note" },
            [Caller.Officer, Caller.Supervisor, Caller.Custodian]),
        new("POST /api/evidence/{evidenceId:guid}/bookmarks", item => $"/api/evidence/{item}/bookmarks", new { startSeconds = 0, label = "Matrix" },
            [Caller.Officer, Caller.Supervisor, Caller.Custodian]),
        new("POST /api/evidence/{evidenceId:guid}/reviews", item => $"/api/evidence/{item}/reviews", new { outcome = "NoConcern" }, [Caller.Supervisor]),
        new("GET /api/compliance/upload-delays", null, null, [Caller.Supervisor, Caller.Custodian]),
        new("GET /api/compliance/uncategorised", null, null, [Caller.Supervisor, Caller.Custodian]),
        new("GET /api/compliance/unreviewed", null, null, [Caller.Supervisor, Caller.Custodian]),
        Tus("POST /ingest/tus/", null, null, [Caller.Dock]),
        Tus("HEAD /ingest/tus/{uploadId}", _ => "/ingest/tus/0123456789abcdef0123456789abcdef", null, [Caller.Dock]),
        Tus("PATCH /ingest/tus/{uploadId}", _ => "/ingest/tus/0123456789abcdef0123456789abcdef", null, [Caller.Dock]),
        Tus("DELETE /ingest/tus/{uploadId}", _ => "/ingest/tus/0123456789abcdef0123456789abcdef", null, [Caller.Dock]),
        new("GET /api/ingest/uploads/{uploadId}", _ => "/api/ingest/uploads/0123456789abcdef0123456789abcdef", null, [Caller.Dock], DeniesEveryoneAsUnauthenticated: true),
        AxisOnly("* /auth/v1.0"),
        AxisOnly("* /v1/{account}/{container}", _ => "/v1/AUTH_matrix/container"),
        AxisOnly("* /v1/{account}/{container}/{**objectName}", _ => "/v1/AUTH_matrix/container/object"),
        new("GET /api/recordings", null, null, [Caller.Custodian]),
        new("GET /api/recordings/{recordingId:guid}", _ => $"/api/recordings/{Guid.Empty}", null, [Caller.Custodian]),
        new("GET /api/evidence", null, null, [Caller.Officer, Caller.Supervisor, Caller.Custodian, Caller.Auditor]),
        new("GET /api/evidence/{evidenceId:guid}", item => $"/api/evidence/{item}", null,
            [Caller.Officer, Caller.Supervisor, Caller.Custodian, Caller.Auditor]),
        new("GET /api/evidence/{evidenceId:guid}/custody", item => $"/api/evidence/{item}/custody", null,
            [Caller.Officer, Caller.Supervisor, Caller.Custodian, Caller.Auditor, Caller.Admin]),
        new("GET /api/evidence/{evidenceId:guid}/content", item => $"/api/evidence/{item}/content?reason=Matrix", null,
            [Caller.Officer, Caller.Supervisor, Caller.Custodian]),
        new("GET /api/evidence/{evidenceId:guid}/poster", item => $"/api/evidence/{item}/poster", null,
            [Caller.Officer, Caller.Supervisor, Caller.Custodian]),
        new("GET /api/ledger/entries", _ => "/api/ledger/entries?from=0&count=1", null, [Caller.Custodian, Caller.Auditor, Caller.Admin]),
        new("GET /api/ledger/entries/{index:long:min(0)}", _ => "/api/ledger/entries/0", null, [Caller.Custodian, Caller.Auditor, Caller.Admin]),
        new("GET /api/ledger/proofs/inclusion", _ => "/api/ledger/proofs/inclusion?index=0&treeSize=1", null, [Caller.Custodian, Caller.Auditor, Caller.Admin]),
        new("GET /api/ledger/proofs/consistency", _ => "/api/ledger/proofs/consistency?from=1&to=1", null, [Caller.Custodian, Caller.Auditor, Caller.Admin]),
        new("GET /api/audit", null, null, [Caller.Custodian, Caller.Auditor, Caller.Admin]),
        new("GET /api/reports/transparency", null, null, [Caller.Custodian, Caller.Auditor, Caller.Admin]),
        new("POST /api/legal-holds", null, new { reason = "Matrix", matter = "Matrix v. Test", officerId = "matrix-nobody" }, [Caller.Custodian]),
        new("POST /api/legal-holds/{holdId:guid}/release", _ => $"/api/legal-holds/{Guid.Empty}/release", new { reason = "Matrix" }, [Caller.Custodian]),
        new("GET /api/legal-holds/{holdId:guid}", _ => $"/api/legal-holds/{Guid.Empty}", null, [Caller.Custodian, Caller.Auditor]),
        new("GET /api/legal-holds", null, null, [Caller.Custodian, Caller.Auditor]),
        new("POST /api/evidence/{evidenceId:guid}/disposition-requests", item => $"/api/evidence/{item}/disposition-requests", new { reason = "Matrix" }, [Caller.Custodian]),
        new("POST /api/disposition-requests/{requestId:guid}/approve", _ => $"/api/disposition-requests/{Guid.Empty}/approve", null, [Caller.Custodian]),
        new("POST /api/evidence/{evidenceId:guid}/restore", item => $"/api/evidence/{item}/restore", new { reason = "Matrix" }, [Caller.Custodian]),
        new("DELETE /api/evidence/{evidenceId:guid}", item => $"/api/evidence/{item}", null,
            [Caller.Officer, Caller.Supervisor, Caller.Custodian, Caller.Auditor, Caller.Admin], RefusedWhenAllowed: HttpStatusCode.Conflict),
        new("GET /api/disposition/eligible", null, null, [Caller.Custodian, Caller.Auditor]),
        new("GET /api/disposition-requests", null, null, [Caller.Custodian, Caller.Auditor]),
        new("GET /api/disposition-certificates/{certificateId:guid}", _ => $"/api/disposition-certificates/{Guid.Empty}", null, [Caller.Custodian, Caller.Auditor]),
        new("GET /api/disposition-certificates", null, null, [Caller.Custodian, Caller.Auditor]),
        new("POST /api/admin/jobs/{job}/run", _ => "/api/admin/jobs/checkpoint/run", null, [Caller.Admin]),
        new("GET /api/clip-requests", null, null, [Caller.Supervisor, Caller.Custodian, Caller.OversightBoard, Caller.Auditor]),
        new("POST /api/clip-requests", null, new { evidenceId = Guid.NewGuid(), startSeconds = 0, endSeconds = 1, purpose = "Matrix" }, [Caller.OversightBoard]),
        new("GET /api/clip-requests/{requestId:guid}", _ => $"/api/clip-requests/{Guid.Empty}", null,
            [Caller.Supervisor, Caller.Custodian, Caller.OversightBoard, Caller.Auditor]),
        new("POST /api/clip-requests/{requestId:guid}/approve", _ => $"/api/clip-requests/{Guid.Empty}/approve", new { reason = "Matrix" }, [Caller.Supervisor, Caller.Custodian]),
        new("POST /api/clip-requests/{requestId:guid}/deny", _ => $"/api/clip-requests/{Guid.Empty}/deny", new { reason = "Matrix" }, [Caller.Supervisor, Caller.Custodian]),
        new("GET /api/footage-requests", null, null, [Caller.Supervisor, Caller.Custodian, Caller.OversightBoard, Caller.Auditor]),
        new("POST /api/footage-requests", null, new { description = "Matrix incident", purpose = "Matrix", caseNumber = "MATRIX-1" }, [Caller.OversightBoard]),
        new("GET /api/footage-requests/{requestId:guid}", _ => $"/api/footage-requests/{Guid.Empty}", null,
            [Caller.Supervisor, Caller.Custodian, Caller.OversightBoard, Caller.Auditor]),
        new("GET /api/footage-requests/{requestId:guid}/candidates", _ => $"/api/footage-requests/{Guid.Empty}/candidates", null, [Caller.Supervisor, Caller.Custodian]),
        new("POST /api/footage-requests/{requestId:guid}/items", _ => $"/api/footage-requests/{Guid.Empty}/items", new { evidenceIds = new[] { Guid.Empty }, note = "Matrix" },
            [Caller.Supervisor, Caller.Custodian]),
        new("POST /api/footage-requests/{requestId:guid}/none-found", _ => $"/api/footage-requests/{Guid.Empty}/none-found", new { reason = "Matrix" }, [Caller.Supervisor, Caller.Custodian]),
        new("POST /api/footage-requests/{requestId:guid}/release", _ => $"/api/footage-requests/{Guid.Empty}/release", new { reason = "Matrix" }, [Caller.Supervisor, Caller.Custodian]),
        new("POST /api/footage-requests/{requestId:guid}/refuse", _ => $"/api/footage-requests/{Guid.Empty}/refuse", new { reason = "Matrix" }, [Caller.Supervisor, Caller.Custodian]),
        new("GET /api/exports/{exportId:guid}/download", _ => $"/api/exports/{Guid.Empty}/download", null, [Caller.OversightBoard]),
        new("POST /api/release-cases", null, new { title = "Matrix", description = "Matrix", incidentAt = DateTimeOffset.UtcNow.AddDays(-1), rule = "MN-DeadlyForce", evidenceIds = new[] { Guid.NewGuid() } },
            [Caller.Custodian]),
        new("GET /api/release-cases", null, null, [Caller.Custodian, Caller.Supervisor, Caller.Auditor, Caller.Admin]),
        new("GET /api/release-cases/{caseId:guid}", _ => $"/api/release-cases/{Guid.Empty}", null, [Caller.Custodian, Caller.Supervisor, Caller.Auditor, Caller.Admin]),
        new("POST /api/release-cases/{caseId:guid}/extend", _ => $"/api/release-cases/{Guid.Empty}/extend", new { reason = "Matrix" }, [Caller.Custodian]),
        new("POST /api/release-cases/{caseId:guid}/clips", _ => $"/api/release-cases/{Guid.Empty}/clips", new { evidenceId = Guid.NewGuid(), startSeconds = 0, endSeconds = 1 },
            [Caller.Custodian]),
        new("POST /api/release-cases/{caseId:guid}/approve", _ => $"/api/release-cases/{Guid.Empty}/approve", new { reason = "Matrix" }, [Caller.Custodian]),
        new("POST /api/release-cases/{caseId:guid}/publish", _ => $"/api/release-cases/{Guid.Empty}/publish", null, [Caller.Custodian]),
        new("GET /api/release-cases/{caseId:guid}/package", _ => $"/api/release-cases/{Guid.Empty}/package", null, [Caller.Custodian]),
        Public("GET /public/releases/{caseId:guid}/", _ => $"/public/releases/{Guid.Empty}/"),
        Public("GET /public/releases/{caseId:guid}/{name}", _ => $"/public/releases/{Guid.Empty}/index.html"),
    ];

    private EvidenceApiFactory _api = null!;
    private string _dockKey = "";
    private Guid _item;

    public static IEnumerable<TestCaseData> Cases() =>
        from access in Matrix
        from caller in Everyone
        select new TestCaseData(access, caller).SetArgDisplayNames(access.Endpoint, caller.ToString());

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _api = await EvidenceApiFactory.StartAsync(ApiProfile.Embedded);
        _dockKey = await _api.RegisterDockAsync();
        var officer = await _api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync($"/api/officers/{OfficerId}", new { name = "Matrix Officer", unit = Unit });
        officer.EnsureSuccessStatusCode();
        _item = await _api.UploadVerifiedRecordingAsync(OfficerId);
    }

    [OneTimeTearDown]
    public async Task StopServer() => await _api.DisposeAsync();

    [Test]
    public void Every_mapped_endpoint_has_a_row_and_every_row_an_endpoint()
    {
        // The console's pages authorise through the Mediator messages they send, as the rows' endpoints do; that
        // every page asks for a session is ConsolePagesTests' rule.
        var mapped = _api.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<PageActionDescriptor>() is null)
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {endpoint.RoutePattern.RawText}"))
            .ToHashSet();

        Assert.Multiple(() =>
        {
            Assert.That(mapped.Except(Matrix.Select(a => a.Endpoint)), Is.Empty, "endpoints without a row in the authorisation matrix");
            Assert.That(Matrix.Select(a => a.Endpoint).Except(mapped), Is.Empty, "rows for endpoints the server does not map");
        });
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Caller_is_let_through_or_refused_as_the_matrix_says(Access access, Caller caller)
    {
        var deniedBefore = await DenialsAsync();

        using var response = await SendAsync(access, caller);

        var refusal = access.ExpectedRefusal(caller);
        if (refusal is { } status)
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
            Assert.That(await DenialsAsync(), Is.GreaterThan(deniedBefore), "a refusal must be a custody event");
        }
        else
        {
            Assert.That(response.StatusCode, Is.Not.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden), await response.Content.ReadAsStringAsync());
            Assert.That((int)response.StatusCode, Is.LessThan(500), await response.Content.ReadAsStringAsync());
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Access access, Caller caller)
    {
        var method = access.Endpoint.Split(' ')[0];
        using var request = new HttpRequestMessage(new HttpMethod(method == "*" ? "GET" : method), access.Path(_item));
        if (access.Tus)
        {
            request.Headers.Add("Tus-Resumable", "1.0.0");
        }
        if (access.Body is { } body)
        {
            request.Content = JsonContent.Create(body);
        }
        using var client = caller switch
        {
            Caller.Anonymous => _api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }),
            Caller.Dock => _api.DockClient(_dockKey),
            Caller.Officer => _api.ClientFor(Roles.Officer, OfficerId, Unit),
            Caller.Supervisor => _api.ClientFor(Roles.Supervisor, "matrix-supervisor", Unit),
            _ => _api.ClientFor(caller.ToString(), "matrix-" + caller.ToString().ToLowerInvariant()),
        };
        return await client.SendAsync(request);
    }

    private async Task<int> DenialsAsync()
    {
        await using var db = _api.OpenDb();
        return await db.CustodyEvents.CountAsync(e => e.Outcome == CustodyOutcome.Denied);
    }

    /// <summary>Ingestion takes only a dock key (tus issue: any other caller is a 401), and speaks tus, whose version check comes first.</summary>
    private static Access Tus(string endpoint, Func<Guid, string>? path, object? body, Caller[] allowed) =>
        new(endpoint, path, body, allowed, DeniesEveryoneAsUnauthenticated: true) { Tus = true };

    private static Access Public(string endpoint, Func<Guid, string>? path = null) => new(endpoint, path, null, Everyone);

    /// <summary>The Swift surface takes only the Axis system's own credentials; no bearer token or dock key opens it.</summary>
    private static Access AxisOnly(string endpoint, Func<Guid, string>? path = null) => new(endpoint, path, null, [], DeniesEveryoneAsUnauthenticated: true);

    /// <summary><see cref="RefusedWhenAllowed"/>: a request every allowed caller still gets refused, as evidence that must be kept is.</summary>
    public sealed record Access(
        string Endpoint, Func<Guid, string>? PathOf, object? Body, Caller[] Allowed, bool DeniesEveryoneAsUnauthenticated = false, HttpStatusCode? RefusedWhenAllowed = null)
    {
        public bool Tus { get; init; }

        /// <summary>A page people open in the console: a caller with no credentials is sent to sign in.</summary>
        public bool AnonymousSignsIn { get; init; }

        public string Path(Guid item) => PathOf?.Invoke(item) ?? Endpoint.Split(' ')[1];

        public HttpStatusCode? ExpectedRefusal(Caller caller) =>
            Allowed.Contains(caller) ? RefusedWhenAllowed
            : caller == Caller.Anonymous && AnonymousSignsIn ? HttpStatusCode.Redirect
            : caller == Caller.Anonymous || DeniesEveryoneAsUnauthenticated ? HttpStatusCode.Unauthorized
            : HttpStatusCode.Forbidden;

        public override string ToString() => Endpoint;
    }
}
