using System.Diagnostics;
using System.Text.RegularExpressions;
using BodyCam.Evidence.Tests.Support;

namespace BodyCam.Evidence.Tests;

/// <summary>
/// Starts PostgreSQL, Azurite, the OpenID provider and ffmpeg once per run through deploy/local/start.sh (which installs what is
/// missing), and drops the run's databases at the end. A test that needs a service fails when it cannot be had.
/// It sits in the root namespace because NUnit runs a set-up fixture for the tests of its namespace only.
/// </summary>
[SetUpFixture]
public sealed partial class LocalServices
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string PostgresServer { get; private set; } = "";

    public static string Azurite { get; private set; } = "";

    public static Uri OpenIdIssuer { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServices()
    {
        var exports = await RunAsync("bash", Path.Combine(RepositoryRoot, "deploy", "local", "start.sh"));
        var settings = ExportLine().Matches(exports).ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value);
        PostgresServer = settings["BODYCAM_TEST_POSTGRES"];
        Azurite = settings["BODYCAM_TEST_AZURITE"];
        OpenIdIssuer = new Uri(settings["BODYCAM_TEST_OIDC"]);
    }

    [OneTimeTearDown]
    public Task DropRunDatabases() => TestDatabases.DropAllAsync();

    public static Task<string> RunAsync(string fileName, params string[] arguments) =>
        RunAsync(fileName, new Dictionary<string, string>(), arguments);

    public static async Task<string> RunAsync(string fileName, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var (exitCode, output, errors) = await RunToExitAsync(fileName, environment, arguments);
        return exitCode == 0
            ? output
            : throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {exitCode}:\n{errors}");
    }

    /// <summary>Runs a process to its end, whatever its exit code, from the repository root.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunToExitAsync(
        string fileName, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    private static string FindRepositoryRoot()
    {
        var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BodyCam.Evidence.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("The tests must run inside the repository.");
    }

    [GeneratedRegex("^export (\\w+)=\"(.*)\"$", RegexOptions.Multiline)]
    private static partial Regex ExportLine();
}
