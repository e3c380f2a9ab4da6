extern alias Server;

using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BodyCam.Evidence.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ServerProgram = Server::Program;

namespace BodyCam.Evidence.Benchmarks.Search;

/// <summary>
/// The console's search and item pages as the server answers them, the page rendered: the real host (API role, no
/// job server) over the 1M-item database of <see cref="BenchmarkEvidence"/>, requests sent in memory with the session
/// cookie of a development sign-in, so the time is the server's alone. Run, with the test services up:
/// dotnet run -c Release --project tests/BodyCam.Evidence.Benchmarks -- sequential ConsolePage
/// </summary>
[Config(typeof(RequestLatencyConfig))]
public partial class ConsolePageBenchmarks
{
    private ServiceProvider _seeded = null!;
    private WebApplicationFactory<ServerProgram> _server = null!;
    private HttpClient _custodian = null!;
    private HttpClient _supervisor = null!;

    [Params(1_000_000)]
    public long Items { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _seeded = await BenchmarkEvidence.SeededAsync(Items);
        var dataRoot = Directory.CreateTempSubdirectory("bodycam-bench-console-").FullName;
        _server = new WebApplicationFactory<ServerProgram>().WithWebHostBuilder(host => host
            .UseSetting("Host:Role", "api")
            .UseSetting("Data:Root", dataRoot)
            .UseSetting("Database:Provider", "PostgreSql")
            .UseSetting("ConnectionStrings:Evidence", Ledger.BenchmarkLedgers.Connection(BenchmarkEvidence.DatabaseName(Items)))
            .UseSetting("Database:MigrateOnStartup", "false")
            .UseSetting("Logging:LogLevel:Default", "Warning"));
        _custodian = await SignedInAsync(Roles.Custodian, unit: null);
        _supervisor = await SignedInAsync(Roles.Supervisor, "unit-" + Random.Shared.Next(40).ToString("00", CultureInfo.InvariantCulture));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _server.DisposeAsync();
        await _seeded.DisposeAsync();
    }

    /// <summary>A supervisor's first page with no filter: the newest 50 of their unit's 25,000 items, 50 rows rendered.</summary>
    [Benchmark]
    public Task SearchPageOfTheUnit() => GetAsync(_supervisor, "/evidence");

    /// <summary>One officer's recordings in a random 30-day window, as a custodian.</summary>
    [Benchmark]
    public Task SearchPageOfficerAndTimeRange()
    {
        var from = BenchmarkEvidence.Start + ((BenchmarkEvidence.End - BenchmarkEvidence.Start - TimeSpan.FromDays(30)) * Random.Shared.NextDouble());
        var officer = "officer-" + Random.Shared.Next(BenchmarkEvidence.Officers).ToString("0000", CultureInfo.InvariantCulture);
        return GetAsync(_custodian, $"/evidence?officerId={officer}&from={Field(from)}&to={Field(from.AddDays(30))}");
    }

    /// <summary>A person's name, as a custodian: found in notes, reviewer bookmarks and a case title.</summary>
    [Benchmark]
    public Task SearchPageText() =>
        GetAsync(_custodian, "/evidence?text=" + BenchmarkEvidence.Surname(Random.Shared.Next(BenchmarkEvidence.Surnames)));

    /// <summary>A random item's page, as a custodian: its facts and its ten custody events.</summary>
    [Benchmark]
    public Task ItemPage() => GetAsync(_custodian, $"/evidence/{BenchmarkEvidence.ItemId(Random.Shared.NextInt64(Items))}");

    private static async Task GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>What the form's date-and-time field sends: UTC without an offset.</summary>
    private static string Field(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A session as a person gets one: the development sign-in form, its antiforgery token, the cookie kept.</summary>
    private async Task<HttpClient> SignedInAsync(string role, string? unit)
    {
        var client = _server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/signin");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var signIn = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Subject"] = "bench-" + role.ToLowerInvariant(),
            ["Role"] = role,
            ["Unit"] = unit ?? "",
            ["__RequestVerificationToken"] = token,
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The development sign-in answered {(int)signIn.StatusCode}.");
        }
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
