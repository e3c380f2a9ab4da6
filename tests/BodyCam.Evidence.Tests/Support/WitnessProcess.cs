using System.Diagnostics;
using System.Text;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// <c>bodycam witness</c> as a board runs it, in its own OS process on a free port, with its key and state files in a
/// folder of its own. It can be killed and started again on the same files.
/// </summary>
internal sealed class WitnessProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "listening on ";
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(30);

    private readonly string _logKey;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public WitnessProcess(string logKey, string name = "board.example/witness")
    {
        _logKey = logKey;
        Name = name;
        Folder = Directory.CreateTempSubdirectory("bodycam-witness-").FullName;
    }

    public string Name { get; }

    public string Folder { get; }

    public string StateFile => Path.Combine(Folder, "state", "checkpoint");

    public string KeyFile => Path.Combine(Folder, "witness.key");

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The cosigner verifier key the witness printed when it started.</summary>
    public string VerifierKey { get; private set; } = "";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the process and returns once it says where it listens.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        foreach (var argument in new[]
        {
            Cli.CliTests.CliAssembly, "witness", "--log-key", _logKey, "--listen", "127.0.0.1:0", "--state", StateFile, "--key-file", KeyFile, "--name", Name,
        })
        {
            start.ArgumentList.Add(argument);
        }
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, line) =>
        {
            Append(line.Data);
            if (line.Data?.StartsWith("witness ", StringComparison.Ordinal) == true && line.Data.Contains('+', StringComparison.Ordinal))
            {
                VerifierKey = line.Data["witness ".Length..];
            }
            if (line.Data?.StartsWith(ListeningPrefix, StringComparison.Ordinal) == true)
            {
                listening.TrySetResult(line.Data[ListeningPrefix.Length..]);
            }
        };
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"bodycam witness exited:\n{Output}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        BaseAddress = new Uri(await listening.Task.WaitAsync(StartupLimit));
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Directory.Delete(Folder, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
