using System.Text.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Docks;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Tests.Cli;
using BodyCam.Evidence.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Features.Ingestion.Axis;

/// <summary>`bodycam axis connection-file`, run as an operator on the server machine runs it, against the embedded database.</summary>
public sealed class ConnectionFileCliTests
{
    private AxisKeys _keys = null!;
    private DirectoryInfo _dataRoot = null!;

    [SetUp]
    public void CreateDataRoot()
    {
        _keys = AxisKeys.Create();
        _dataRoot = Directory.CreateTempSubdirectory("bodycam-axis-cli-");
    }

    [TearDown]
    public void DeleteDataRoot()
    {
        SqliteConnection.ClearAllPools();
        _dataRoot.Delete(recursive: true);
        _keys.Dispose();
    }

    [Test]
    public async Task Connection_file_writes_an_owner_only_file_whose_credentials_are_a_dock_in_the_embedded_database()
    {
        var output = Path.Combine(_dataRoot.FullName, "north-connection.json");

        var (exitCode, stdout, stderr) = await RunAsync(
            new() { ["Axis__HttpsCertificatePath"] = _keys.CertificateDerPath, ["Axis__ContainerType"] = "mkv" },
            "--site", "North", "--url", "http://127.0.0.1:5000/", "--out", output);

        Assert.That(exitCode, Is.Zero, stderr);
        Assert.That(stdout, Is.Empty, "the key goes only into the file");
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(output), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
        var file = JsonSerializer.Deserialize<JsonElement>(await File.ReadAllBytesAsync(output));
        Assert.That(file.GetProperty("SiteName").GetString(), Is.EqualTo("North"));
        Assert.That(file.GetProperty("AuthenticationTokenURI")[0].GetString(), Is.EqualTo("http://127.0.0.1:5000/auth/v1.0"));
        Assert.That(file.GetProperty("HTTPSCertificate")[0].GetString(), Is.EqualTo(_keys.CertificatePemBase64), "a DER file is sent as PEM, as Axis's example server sends it");
        Assert.That(file.GetProperty("ContainerType").GetString(), Is.EqualTo("mkv"));
        var dockId = Guid.Parse(file.GetProperty("BlobAPIUserName").GetString()!);
        var key = file.GetProperty("BlobAPIKey").GetString()!;
        await using var services = EmbeddedDatabase();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvidenceDb>();
        var operatorId = "cli:" + Environment.UserName;
        var dock = await db.Docks.SingleAsync();
        Assert.That((dock.Id, dock.KeySha256, dock.Name, dock.RegisteredBy, dock.Active), Is.EqualTo((dockId, Dock.HashKey(key), "Axis North", operatorId, true)));
        var custody = await db.CustodyEvents.SingleAsync(e => e.Action == CustodyAction.DockRegistered);
        Assert.That((custody.ActorId, custody.ActorKind, custody.ActorRole), Is.EqualTo((operatorId, ActorKind.User, Roles.Admin)));
        Assert.That(custody.Reason, Does.Contain(dockId.ToString()).And.Contain("Axis connection file"));
    }

    [Test]
    public async Task Connection_file_without_out_prints_the_file_and_nothing_else()
    {
        var (exitCode, stdout, stderr) = await RunAsync([], "--site", "South", "--url", "https://evidence.example");

        Assert.That(exitCode, Is.Zero, stderr);
        var file = JsonSerializer.Deserialize<JsonElement>(stdout);
        Assert.That((file.GetProperty("SiteName").GetString(), file.GetProperty("ContainerType").GetString()), Is.EqualTo(("South", "mp4")));
        Assert.That(file.TryGetProperty("HTTPSCertificate", out _), Is.False);
    }

    [Test]
    public async Task An_invalid_request_exits_2_naming_the_options_and_registers_no_dock()
    {
        var (exitCode, stdout, stderr) = await RunAsync([], "--site", "North", "--url", "ftp://evidence.example", "--container-type", "avi");

        Assert.That(exitCode, Is.EqualTo(2), stderr);
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.Contain("--url").And.Contain("--container-type"));
        Assert.That(stderr, Does.Not.Contain("--site"));
        Assert.That(await DockCountAsync(), Is.Zero);
    }

    [Test]
    public async Task A_private_key_configured_as_the_encryption_key_is_refused_and_registers_no_dock()
    {
        var (exitCode, stdout, stderr) = await RunAsync(
            new() { ["Axis__EncryptionPublicKeyPath"] = _keys.PrivateKeyPath, ["Axis__EncryptionPublicKeyId"] = "content-key-1" },
            "--site", "North", "--url", "http://127.0.0.1:5000");

        Assert.That(exitCode, Is.EqualTo(1), stderr);
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.Contain("Axis:EncryptionPublicKeyPath").And.Not.Contain("PRIVATE KEY-----\n"));
        Assert.That(await DockCountAsync(), Is.Zero);
    }

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(Dictionary<string, string> environment, params string[] arguments)
    {
        environment["Data__Root"] = _dataRoot.FullName;
        return LocalServices.RunToExitAsync("dotnet", environment, [CliTests.CliAssembly, "axis", "connection-file", .. arguments]);
    }

    private ServiceProvider EmbeddedDatabase() =>
        TestDatabases.DatabaseServices(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_dataRoot.FullName, "evidence.db")}");

    private async Task<int> DockCountAsync()
    {
        await using var services = EmbeddedDatabase();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EvidenceDb>().Docks.CountAsync();
    }
}
