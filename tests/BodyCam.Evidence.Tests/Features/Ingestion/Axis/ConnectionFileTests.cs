using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Docks;
using BodyCam.Evidence.Features.Identity;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Ingestion.Axis;

/// <summary>The connection file an Axis body worn manager imports, as an Admin gets it over HTTP.</summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public sealed class ConnectionFileTests(ApiProfile profile)
{
    private const string Endpoint = "/api/axis/connection-files";

    private static readonly string[] RequiredFields =
    [
        "ConnectionFileVersion", "SiteName", "ApplicationName", "ApplicationVersion", "ContentDestinationAsNTPServer",
        "AuthenticationTokenURI", "BlobAPIKey", "BlobAPIUserName", "ContainerType", "FullStoreAndReadSupport",
    ];

    private static readonly string[] EveryField =
    [
        "ConnectionFileVersion", "SiteName", "ApplicationName", "ApplicationVersion", "ContentDestinationAsNTPServer",
        "AuthenticationTokenURI", "HTTPSCertificate", "BlobAPIKey", "BlobAPIUserName", "ContainerType", "FullStoreAndReadSupport",
        "WantEncryption", "PublicKey", "PublicKeyId",
    ];

    private AxisKeys _keys = null!;
    private EvidenceApiFactory _plain = null!;
    private EvidenceApiFactory _configured = null!;

    [OneTimeSetUp]
    public async Task StartApis()
    {
        _keys = AxisKeys.Create();
        _plain = await EvidenceApiFactory.StartAsync(profile);
        _configured = await EvidenceApiFactory.StartAsync(
            profile,
            settings:
            [
                ("Axis:HttpsCertificatePath", _keys.CertificatePemPath),
                ("Axis:EncryptionPublicKeyPath", _keys.PublicKeyPath),
                ("Axis:EncryptionPublicKeyId", "content-key-1"),
            ]);
    }

    [OneTimeTearDown]
    public async Task StopApis()
    {
        await _plain.DisposeAsync();
        await _configured.DisposeAsync();
        _keys.Dispose();
    }

    [Test]
    public async Task An_admin_gets_a_connection_file_with_every_field_of_the_Axis_template()
    {
        var response = await Admin(_configured).PostJsonAsync(Endpoint, new { siteName = "North precinct", url = "https://evidence.example:8443/", containerType = "mkv" });

        var file = await ReadFileAsync(response);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Content.Headers.ContentDisposition?.ToString(), Is.EqualTo("attachment; filename=\"North_precinct-connection.json\""));
        Assert.That(FieldNames(file), Is.EqualTo(EveryField), "the spec's names, in the spec's order");
        Assert.That(file.GetProperty("ConnectionFileVersion").GetString(), Is.EqualTo("1.0"));
        Assert.That(file.GetProperty("SiteName").GetString(), Is.EqualTo("North precinct"));
        Assert.That(file.GetProperty("ApplicationName").GetString(), Is.EqualTo("BodyCam.Evidence"));
        Assert.That(file.GetProperty("ApplicationVersion").GetString(), Does.Match(@"^\d+\.\d+\.\d+[^+]*$").And.Length.LessThanOrEqualTo(128));
        Assert.That(file.GetProperty("ContentDestinationAsNTPServer").GetBoolean(), Is.False);
        Assert.That(Strings(file, "AuthenticationTokenURI"), Is.EqualTo(new[] { "https://evidence.example:8443/auth/v1.0" }));
        Assert.That(Strings(file, "HTTPSCertificate"), Is.EqualTo(new[] { _keys.CertificatePemBase64 }));
        Assert.That(file.GetProperty("BlobAPIKey").GetString(), Does.StartWith("bcdk_").And.Length.InRange(40, 64));
        Assert.That(Guid.TryParseExact(file.GetProperty("BlobAPIUserName").GetString(), "D", out _), Is.True);
        Assert.That(file.GetProperty("ContainerType").GetString(), Is.EqualTo("mkv"));
        Assert.That(file.GetProperty("FullStoreAndReadSupport").GetBoolean(), Is.False);
        Assert.That(file.GetProperty("WantEncryption").GetBoolean(), Is.True);
        Assert.That(file.GetProperty("PublicKey").GetString(), Is.EqualTo(Convert.ToBase64String(File.ReadAllBytes(_keys.PublicKeyPath))));
        Assert.That(file.GetProperty("PublicKeyId").GetString(), Is.EqualTo("content-key-1"));
    }

    [Test]
    public async Task The_encryption_public_key_decodes_to_the_configured_PEM_and_imports_as_that_RSA_key()
    {
        var file = await ReadFileAsync(await Admin(_configured).PostJsonAsync(Endpoint, new { siteName = "South", url = "https://evidence.example" }));

        var pem = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(file.GetProperty("PublicKey").GetString()!));
        using var imported = RSA.Create();
        imported.ImportFromPem(pem);
        Assert.That(imported.ExportSubjectPublicKeyInfo(), Is.EqualTo(_keys.PublicKeyInfo));
    }

    [Test]
    public async Task Without_a_certificate_or_an_encryption_key_configured_those_fields_are_left_out()
    {
        var file = await ReadFileAsync(await Admin(_plain).PostJsonAsync(Endpoint, new { siteName = "North", url = "http://127.0.0.1:5000" }));

        Assert.That(FieldNames(file), Is.EqualTo(RequiredFields));
        Assert.That(file.GetProperty("ContainerType").GetString(), Is.EqualTo("mp4"), "Axis:ContainerType's default");
        Assert.That(Strings(file, "AuthenticationTokenURI"), Is.EqualTo(new[] { "http://127.0.0.1:5000/auth/v1.0" }));
    }

    [Test]
    public async Task The_credentials_in_the_file_are_a_new_dock_that_authenticates_with_its_key()
    {
        var site = "East " + Guid.NewGuid().ToString("N")[..8];

        var file = await ReadFileAsync(await Admin(_plain).PostJsonAsync(Endpoint, new { siteName = site, url = "http://127.0.0.1:5000" }));

        var dockId = Guid.Parse(file.GetProperty("BlobAPIUserName").GetString()!);
        var key = file.GetProperty("BlobAPIKey").GetString()!;
        var dock = _plain.DockClient(key);
        var me = await (await dock.GetAsync("/api/me")).ReadAsync<CurrentActorDescription>(HttpStatusCode.OK);
        Assert.That((me.Id, me.Kind, me.Role), Is.EqualTo((dockId.ToString(), "Dock", Roles.Dock)));
        Assert.That((await dock.GetAsync($"/api/ingest/uploads/{Guid.NewGuid():N}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a dock, not a 401");
        await using var db = _plain.OpenDb();
        var stored = await db.Docks.SingleAsync(d => d.Id == dockId);
        Assert.That((stored.Name, stored.Site, stored.RegisteredBy, stored.KeySha256), Is.EqualTo(("Axis " + site, site, "ada", Dock.HashKey(key))));
        var custody = await db.CustodyEvents.SingleAsync(e => e.Action == CustodyAction.DockRegistered && e.Reason!.Contains(dockId.ToString()));
        Assert.That((custody.ActorId, custody.ActorRole, custody.Outcome), Is.EqualTo(("ada", Roles.Admin, CustodyOutcome.Succeeded)));
        Assert.That(custody.Reason, Does.Contain("Axis connection file").And.Contain(site));
    }

    [Test]
    public async Task The_file_stays_within_the_Axis_limits_with_the_longest_site_name_and_URL_allowed()
    {
        var site = new string('s', 64);
        var url = "https://evidence.example/" + new string('p', 500 - "https://evidence.example/".Length);

        var response = await Admin(_configured).PostJsonAsync(Endpoint, new { siteName = site, url });

        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), System.Text.Encoding.UTF8.GetString(bytes));
        Assert.That(bytes, Has.Length.LessThanOrEqualTo(64 * 1024));
        var file = JsonSerializer.Deserialize<JsonElement>(bytes);
        Assert.That(file.GetProperty("SiteName").GetString(), Is.EqualTo(site));
        Assert.That(Strings(file, "AuthenticationTokenURI").Single(), Has.Length.LessThanOrEqualTo(512));
        Assert.That(file.GetProperty("BlobAPIUserName").GetString(), Has.Length.LessThanOrEqualTo(64));
        Assert.That(file.GetProperty("BlobAPIKey").GetString(), Has.Length.LessThanOrEqualTo(64));
    }

    [TestCase(Roles.Custodian)]
    [TestCase(Roles.Supervisor)]
    public async Task Anyone_but_an_admin_gets_403_and_the_denial_is_a_custody_event(string role)
    {
        var subject = role.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..8];
        var site = "Rogue " + subject;

        var response = await _plain.ClientFor(role, subject).PostJsonAsync(Endpoint, new { siteName = site, url = "http://127.0.0.1:5000" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(Roles.Admin));
        await using var db = _plain.OpenDb();
        var denial = await db.CustodyEvents.SingleAsync(e => e.ActorId == subject);
        Assert.That((denial.Action, denial.Outcome, denial.ActorRole), Is.EqualTo((CustodyAction.AccessDenied, CustodyOutcome.Denied, role)));
        Assert.That(await db.Docks.AnyAsync(d => d.Site == site), Is.False);
    }

    [Test]
    public async Task A_request_without_a_token_is_a_401()
    {
        var response = await _plain.CreateClient().PostJsonAsync(Endpoint, new { siteName = "North", url = "http://127.0.0.1:5000" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    public static IEnumerable<TestCaseData> InvalidRequests()
    {
        yield return new TestCaseData("Invalid ftp", "ftp://evidence.example", null, "url").SetName("{m}(ftp URL)");
        yield return new TestCaseData("Invalid text", "not a url", null, "url").SetName("{m}(not a URL)");
        yield return new TestCaseData("Invalid relative", "/auth", null, "url").SetName("{m}(relative URL)");
        yield return new TestCaseData("Invalid query", "http://evidence.example/?site=1", null, "url").SetName("{m}(URL with a query)");
        yield return new TestCaseData("Invalid long URL", "http://evidence.example/" + new string('p', 480), null, "url").SetName("{m}(URL over 500 characters)");
        yield return new TestCaseData("Invalid empty URL", "", null, "url").SetName("{m}(empty URL)");
        yield return new TestCaseData("", "http://evidence.example", null, "siteName").SetName("{m}(empty site)");
        yield return new TestCaseData(new string('s', 65), "http://evidence.example", null, "siteName").SetName("{m}(site over 64 characters)");
        yield return new TestCaseData("Invalid\u0007", "http://evidence.example", null, "siteName").SetName("{m}(site with a control character)");
        yield return new TestCaseData("Invalid container", "http://evidence.example", "avi", "containerType").SetName("{m}(unknown container type)");
    }

    [TestCaseSource(nameof(InvalidRequests))]
    public async Task An_invalid_request_is_a_400_problem_naming_the_field_and_registers_no_dock(string siteName, string url, string? containerType, string field)
    {
        var response = await Admin(_plain).PostJsonAsync(Endpoint, new { siteName, url, containerType });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(error => error.Name), Is.EqualTo(new[] { field }), problem.ToString());
        await using var db = _plain.OpenDb();
        Assert.That(await db.Docks.AnyAsync(d => d.Site == siteName), Is.False);
    }

    private static HttpClient Admin(EvidenceApiFactory api) => api.ClientFor(Roles.Admin, "ada");

    private static async Task<JsonElement> ReadFileAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    private static string[] FieldNames(JsonElement file) => [.. file.EnumerateObject().Select(property => property.Name)];

    private static string[] Strings(JsonElement file, string field) => [.. file.GetProperty(field).EnumerateArray().Select(value => value.GetString()!)];
}

/// <summary>A self-signed server certificate (as PEM and as DER) and an RSA content key pair, in files as an operator keeps them.</summary>
internal sealed class AxisKeys : IDisposable
{
    private readonly DirectoryInfo _folder;

    private AxisKeys(DirectoryInfo folder, byte[] certificateDer, byte[] publicKeyInfo)
    {
        _folder = folder;
        CertificateDer = certificateDer;
        PublicKeyInfo = publicKeyInfo;
    }

    public byte[] CertificateDer { get; }

    public string CertificatePemBase64 => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(PemEncoding.WriteString("CERTIFICATE", CertificateDer) + "\n"));
    public byte[] PublicKeyInfo { get; }
    public string CertificatePemPath => Path.Combine(_folder.FullName, "server.crt");
    public string CertificateDerPath => Path.Combine(_folder.FullName, "server.der");
    public string PublicKeyPath => Path.Combine(_folder.FullName, "contentkey.public.pem");
    public string PrivateKeyPath => Path.Combine(_folder.FullName, "contentkey.private.pem");

    public static AxisKeys Create()
    {
        var folder = Directory.CreateTempSubdirectory("bodycam-axis-keys-");
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=evidence.example", serverKey, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        using var contentKey = RSA.Create(2048);
        var keys = new AxisKeys(folder, certificate.RawData, contentKey.ExportSubjectPublicKeyInfo());
        File.WriteAllText(keys.CertificatePemPath, certificate.ExportCertificatePem() + "\n");
        File.WriteAllBytes(keys.CertificateDerPath, certificate.RawData);
        File.WriteAllText(keys.PublicKeyPath, contentKey.ExportSubjectPublicKeyInfoPem() + "\n");
        File.WriteAllText(keys.PrivateKeyPath, contentKey.ExportPkcs8PrivateKeyPem() + "\n");
        return keys;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
