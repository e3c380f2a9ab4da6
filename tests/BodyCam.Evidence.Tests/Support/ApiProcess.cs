using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// The API as an operator runs it: <c>dotnet BodyCam.Evidence.Api.dll</c> in its own OS process, configured
/// only through environment variables, over a fresh database and an empty data folder or Azurite container.
/// It can be killed and started again on the same configuration and port; both runs log to one file.
/// </summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(30);

    private readonly ApiProfile _profile;
    private readonly string _container;
    private readonly bool _ownsStorage;
    private readonly Dictionary<string, string> _environment;
    private readonly object _logLock = new();
    private Process? _process;
    private StreamWriter? _log;

    private ApiProcess(
        ApiProfile profile, string databaseConnection, int port, IEnumerable<(string Key, string Value)> settings, ApiProcess? sharing = null)
    {
        _profile = profile;
        _ownsStorage = sharing is null;
        _container = sharing?._container ?? "kill-" + Guid.NewGuid().ToString("N");
        DataRoot = sharing?.DataRoot ?? Directory.CreateTempSubdirectory("bodycam-process-").FullName;
        DatabaseConnection = databaseConnection;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _environment = new Dictionary<string, string>
        {
            ["Data__Root"] = DataRoot,
            ["Database__Provider"] = profile.Database.ToString(),
            ["ConnectionStrings__Evidence"] = databaseConnection,
            ["Database__MigrateOnStartup"] = "true",
            ["Storage__Provider"] = profile.Storage.ToString(),
            ["Jobs__Storage"] = profile.Jobs.ToString(),
        };
        if (profile.Storage == StorageProvider.AzureBlob)
        {
            _environment["ConnectionStrings__Blobs"] = LocalServices.Azurite;
            _environment["Storage__Container"] = _container;
        }
        foreach (var (key, value) in settings)
        {
            _environment[key] = value;
        }
    }

    public string DataRoot { get; }

    public string DatabaseConnection { get; }

    public Uri BaseAddress { get; }

    /// <summary>The most resident memory the process has used so far (Linux VmHWM), in bytes.</summary>
    public long PeakResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process!.Id}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public string LogFile => Path.Combine(DataRoot, $"api-{BaseAddress.Port}.log");

    public static async Task<ApiProcess> CreateAsync(ApiProfile profile, params (string Key, string Value)[] settings) =>
        new(profile, await TestDatabases.CreateAsync(profile.Database), FreeLoopbackPort(), settings);

    /// <summary>Another process of the same deployment: same database, store and keys, its own port and settings.</summary>
    public ApiProcess Join(params (string Key, string Value)[] settings) =>
        new(_profile, DatabaseConnection, FreeLoopbackPort(), settings, sharing: this);

    /// <summary>Starts the process and returns once <c>/health/ready</c> answers 200.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DataRoot,
        };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "BodyCam.Evidence.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        _log ??= new StreamWriter(new FileStream(LogFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        WriteLog($"--- dotnet BodyCam.Evidence.Api.dll --urls {BaseAddress} at {DateTimeOffset.UtcNow:O}");
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) => WriteLog(line.Data);
        _process.ErrorDataReceived += (_, line) => WriteLog(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartupLimit;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException(
            $"The API did not become ready within {StartupLimit.TotalSeconds} s (exited: {_process.HasExited}).\n{ReadLog()}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, no finishing of the request in flight.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async Task<string> IssueTokenAsync(string role, string subject)
    {
        var output = await LocalServices.RunAsync(
            "dotnet", BodyCam.Evidence.Tests.Cli.CliTests.CliAssembly, "token", "--role", role, "--sub", subject, "--data-root", DataRoot);
        return output.TrimEnd().Split('\n')[^1];
    }

    /// <summary>Registers a dock as an Admin and returns its key.</summary>
    public async Task<string> RegisterDockAsync(string adminToken)
    {
        using var admin = new HttpClient { BaseAddress = BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminToken);
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(admin, "/api/docks", new { name = "Dock", site = "North precinct" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content)).GetProperty("key").GetString()!;
    }

    /// <summary>The store the process writes to, opened independently of it, to read back what it committed.</summary>
    public IBlobStore OpenBlobStore() => _profile.Storage == StorageProvider.AzureBlob
        ? new AzureBlobStore(new BlobContainerClient(LocalServices.Azurite, _container))
        : new FileSystemBlobStore(Path.Combine(DataRoot, "blobs"));

    /// <summary>The process's database, opened independently of it.</summary>
    public async Task<T> QueryDbAsync<T>(Func<EvidenceDb, Task<T>> query)
    {
        await using var services = TestDatabases.DatabaseServices(_profile.Database, DatabaseConnection);
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<EvidenceDb>());
    }

    public string ReadLog()
    {
        lock (_logLock)
        {
            using var reader = new StreamReader(new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return reader.ReadToEnd();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        lock (_logLock)
        {
            _log?.Dispose();
            _log = null;
        }
        if (!_ownsStorage)
        {
            return;
        }
        if (_profile.Storage == StorageProvider.AzureBlob)
        {
            await new BlobContainerClient(LocalServices.Azurite, _container).DeleteIfExistsAsync();
        }
        Directory.Delete(DataRoot, recursive: true);
    }

    private void WriteLog(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_logLock)
        {
            _log?.WriteLine(line);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
