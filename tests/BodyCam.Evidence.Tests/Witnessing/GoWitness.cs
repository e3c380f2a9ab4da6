using System.Diagnostics;
using System.Text;
using BodyCam.Evidence.Tests.Support;
using BodyCam.Evidence.Verification.Notes;

namespace BodyCam.Evidence.Tests.Witnessing;

/// <summary>
/// An independent c2sp.org/tlog-witness for one log: the Go program in <c>Witnessing/GoWitness</c>, written from the C2SP
/// specifications with Go's <c>note</c> and <c>tlog</c> packages and none of our code, run as its own process on
/// 127.0.0.1. The tests drive the server against it so that the two sides of the protocol are not one understanding.
/// It keeps its key and state in a folder of its own, so it can be stopped and started again as the same witness at the
/// same address.
/// </summary>
/// <example>
/// <code>
/// await using var witness = new GoWitness(logKey, "witness.example/w1");
/// await witness.StartAsync();
/// // POST witness.Url + "add-checkpoint"; cosignatures verify with witness.VerifierKey.
/// </code>
/// </example>
internal sealed class GoWitness : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(30);
    private static readonly Lazy<Task<string>> Binary = new(BuildAsync);

    private readonly NoteVerifierKey _logKey;
    private readonly string _folder;
    private readonly StringBuilder _log = new();
    private string _listen = "127.0.0.1:0";
    private Process? _process;
    private Uri? _url;
    private CosignatureVerifierKey? _verifierKey;

    /// <param name="logKey">The log's key; its name is the origin of the only log this witness cosigns.</param>
    /// <param name="name">The witness's name: the key name of its cosignatures.</param>
    public GoWitness(NoteVerifierKey logKey, string name)
    {
        _logKey = logKey;
        Name = name;
        _folder = Directory.CreateTempSubdirectory("bodycam-gowitness-").FullName;
    }

    public string Name { get; }

    /// <summary>
    /// The submission (and monitoring) prefix, ending in '/': <c>new Uri(Url, "add-checkpoint")</c>, i.e. Url + "add-checkpoint",
    /// is the endpoint. The spec writes it <c>&lt;submission prefix&gt;/add-checkpoint</c>, with the prefix being Url without its
    /// final '/'. It stays the same across <see cref="StopAsync"/> and <see cref="StartAsync"/>.
    /// </summary>
    public Uri Url => _url ?? throw NotStarted();

    /// <summary>The witness's Ed25519 <c>cosignature/v1</c> key, the same across restarts.</summary>
    public CosignatureVerifierKey VerifierKey => _verifierKey ?? throw NotStarted();

    /// <summary>The JSON file in which the witness keeps, per origin, the size, root hash and checkpoint it last cosigned.</summary>
    public string StateFile => Path.Combine(_folder, "state.json");

    /// <summary>What the witness wrote to stderr: one line per request with its status and reason.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the witness and returns once it listens; a restart keeps its key, state and address.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The witness is already running.");
        }
        var start = new ProcessStartInfo(await Binary.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        foreach (var argument in new[]
        {
            "-listen", _listen, "-log-key", _logKey.ToString(), "-name", Name,
            "-key-file", Path.Combine(_folder, "witness.key"), "-state", StateFile,
        })
        {
            start.ArgumentList.Add(argument);
        }
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith("ready ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(line.Data);
            }
        };
        _process.ErrorDataReceived += (_, line) =>
        {
            lock (_log)
            {
                _log.AppendLine(line.Data);
            }
        };
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The Go witness exited before it listened:\n{Log}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // ready http://127.0.0.1:<port>/witness/ <cosigner verifier key>
        var fields = (await ready.Task.WaitAsync(StartupLimit)).Split(' ');
        var url = new Uri(fields[1]);
        var verifierKey = CosignatureVerifierKey.Parse(fields[2]);
        if (_url is not null && (_url != url || _verifierKey!.ToString() != verifierKey.ToString()))
        {
            throw new InvalidOperationException($"The restarted witness is {url} {verifierKey}, not {_url} {_verifierKey}.");
        }
        _url = url;
        _verifierKey = verifierKey;
        _listen = $"127.0.0.1:{url.Port}";
    }

    /// <summary>SIGKILL, as a crash or a pulled cable: what the witness answered before is on disk already.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static InvalidOperationException NotStarted() => new("The witness has not been started.");

    /// <summary>Builds the program once per test run with Debian's Go.</summary>
    private static async Task<string> BuildAsync()
    {
        var output = Path.Combine(TestContext.CurrentContext.TestDirectory, "gowitness");
        Directory.CreateDirectory(output);
        var binary = Path.Combine(output, "gowitness");
        var building = Path.Combine(output, $"gowitness.{Environment.ProcessId}");
        await LocalServices.RunAsync(
            "go",
            DebianGo.Environment(Path.Combine(output, "cache")),
            // GOPATH mode takes a package outside GOPATH by a relative path only; RunAsync runs from the repository root.
            "build", "-o", building, "./tests/BodyCam.Evidence.Tests/Witnessing/GoWitness");
        // A rename, so that another test run on the same output folder never starts a half-written binary.
        File.Move(building, binary, overwrite: true);
        return binary;
    }
}
