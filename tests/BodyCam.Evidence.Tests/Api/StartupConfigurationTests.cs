using System.Diagnostics;
using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Tests.Cli;

namespace BodyCam.Evidence.Tests.Api;

/// <summary>
/// The server and <c>bodycam</c> started as an operator starts them, with one thing misconfigured: each ends at once with
/// one line on stderr naming the key, no stack trace, and exit code 78 (EX_CONFIG).
/// </summary>
public sealed class StartupConfigurationTests
{
    private const string DataRootPlaceholder = "{data}";

    /// <summary>A cosigner verifier key (RFC 8032's first test key) of a witness no test runs.</summary>
    private static readonly string WitnessKey = BodyCam.Evidence.Verification.Notes.CosignatureVerifierKey.ForEd25519(
        "witness.example/w1", Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")).ToString();
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(60);

    public static IEnumerable<TestCaseData> ServerMisconfigurations()
    {
        yield return Case("Jobs:Storage", "--role", "worker");
        yield return Case("Host:Role", "--role", "everything");
        yield return Case("Database:Provider", ("Database__Provider", "Oracle"));
        yield return Case("Database:Provider", ("Database__Provider", "7"));
        yield return Case("ConnectionStrings:Evidence", ("Database__Provider", "PostgreSql"));
        yield return Case("ConnectionStrings:Evidence", ("ConnectionStrings__Evidence", "Data Source=evidence.db;Encryption=on"));
        yield return Case("ConnectionStrings:Blobs", ("Storage__Provider", "AzureBlob"), ("ConnectionStrings__Blobs", "not a connection string"));
        yield return Case("Ingestion:BlockSizeBytes", ("Ingestion__BlockSizeBytes", "8MiB"));
        yield return Case("Ledger:CheckpointEverySeconds", ("Ledger__CheckpointEverySeconds", "7"));
        yield return Case("Fixity:Schedule", ("Fixity__Schedule", "hourly"));
        yield return Case("Ledger:WitnessQuorum", ("Ledger__WitnessQuorum", "1"));
        yield return Case("Ledger:Witnesses:0:Key", ("Ledger__Witnesses__0__Url", "http://127.0.0.1:9/"), ("Ledger__Witnesses__0__Key", "witness.example+00000000+AQ=="));
        yield return Case("Ledger:Witnesses:0:Url", ("Ledger__Witnesses__0__Url", "witness.example/tlog"), ("Ledger__Witnesses__0__Key", WitnessKey));
        yield return Case("Ledger:SigningKeyPath", ("Ledger__SigningKeyPath", Path.Combine(DataRootPlaceholder, "malformed.key")));
        yield return Case("Identity:Authority", ("Identity__Authority", "login.example-agency.gov"));
        yield return Case("Identity:Authority", ("Identity__Authority", "http://login.example-agency.gov"));
        yield return Case("Identity:SessionIdle", ("Identity__SessionIdle", "00:00:00"));
        yield return Case("Identity:SessionIdle", ("Identity__SessionIdle", "-00:30:00"));
        yield return Case("Api:MaxRequestBodyBytes", ("Api__MaxRequestBodyBytes", "-1"));
        yield return Case("Oversight:TimeZone", ("Oversight__TimeZone", "Central Time"));
        yield return Case("Oversight:Holidays", ("Oversight__Holidays", "2026-12-25,26/12/2026"));
    }

    [TestCaseSource(nameof(ServerMisconfigurations))]
    public async Task The_server_refuses_a_misconfiguration_in_one_line_naming_the_key(string key, string[] arguments, (string, string)[] environment) =>
        await AssertRefusedAsync(
            key, environment,
            [Path.Combine(TestContext.CurrentContext.TestDirectory, "BodyCam.Evidence.Api.dll"), "--urls", "http://127.0.0.1:0", .. arguments]);

    [Test]
    public async Task Bodycam_refuses_a_misconfiguration_in_one_line_naming_the_key()
    {
        await AssertRefusedAsync(
            "Ledger:CheckpointEverySeconds", [("Ledger__CheckpointEverySeconds", "7")], [CliTests.CliAssembly, "token", "--role", "Admin", "--sub", "ada"]);
        await AssertRefusedAsync("ConnectionStrings:Evidence", [("Database__Provider", "PostgreSql")], [CliTests.CliAssembly, "db", "migrate"]);
    }

    private static TestCaseData Case(string key, params string[] arguments) =>
        new TestCaseData(key, arguments, Array.Empty<(string, string)>()).SetArgDisplayNames(string.Join(' ', arguments));

    private static TestCaseData Case(string key, params (string Name, string Value)[] environment) =>
        new TestCaseData(key, Array.Empty<string>(), environment).SetArgDisplayNames(string.Join(' ', environment.Select(pair => $"{pair.Name}={pair.Value}")));

    private static async Task AssertRefusedAsync(string key, (string Name, string Value)[] environment, string[] arguments)
    {
        var dataRoot = Directory.CreateTempSubdirectory("bodycam-misconfigured-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dataRoot, "malformed.key"), "-----BEGIN PRIVATE KEY-----");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dataRoot };
            start.Environment["Data__Root"] = dataRoot;
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value.Replace(DataRootPlaceholder, dataRoot, StringComparison.Ordinal);
            }
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(ExitLimit);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"still running after {ExitLimit.TotalSeconds} s: the misconfiguration was accepted");
            }

            var lines = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var logged = await output;
            Assert.Multiple(() =>
            {
                Assert.That(process.ExitCode, Is.EqualTo(ConfigurationException.ExitCode), string.Join('\n', lines));
                Assert.That(lines, Has.Length.EqualTo(1), "one line on stderr");
                Assert.That(lines.FirstOrDefault(), Does.Contain(key));
                Assert.That(logged, Does.Not.Contain("Exception").And.Not.Contain("   at "), "nothing on stdout about it");
            });
        }
        finally
        {
            Directory.Delete(dataRoot, recursive: true);
        }
    }
}
