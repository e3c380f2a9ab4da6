extern alias Server;

using System.Globalization;
using System.Net;
using BenchmarkDotNet.Attributes;
using BodyCam.Evidence.Features.Identity;
using BodyCam.Evidence.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerProgram = Server::Program;

namespace BodyCam.Evidence.Benchmarks.Search;

/// <summary>
/// The console's search and item pages as the server answers them, the page rendered: the real host (API role, no
/// job server) over the 1M-item database of <see cref="BenchmarkEvidence"/>, requests sent in memory with a console
/// session's cookie, so the time is the server's alone. Run, with the test services up:
/// dotnet run -c Release --project tests/BodyCam.Evidence.Benchmarks -- sequential ConsolePage
/// </summary>
[Config(typeof(RequestLatencyConfig))]
public class ConsolePageBenchmarks
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
        _custodian = SessionOf(Roles.Custodian, unit: null);
        _supervisor = SessionOf(Roles.Supervisor, "unit-" + Random.Shared.Next(40).ToString("00", CultureInfo.InvariantCulture));
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

    /// <summary>
    /// A console session's cookie, sealed by the server's own cookie options. Not through the sign-in form: signing in
    /// appends a custody event, and the bulk-loaded log has no Merkle tree to append to.
    /// </summary>
    private HttpClient SessionOf(string role, string? unit)
    {
        var cookie = _server.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(ConsoleSessions.CookieScheme);
        // The item ConsoleSessions keeps the last activity in; without it the idle lock ends the session at once.
        var properties = new AuthenticationProperties(new Dictionary<string, string?> { ["last-activity"] = DateTimeOffset.UtcNow.ToString("O") });
        var subject = "bench-" + role.ToLowerInvariant();
        var ticket = new AuthenticationTicket(ConsoleSessions.Person(subject, role, unit, subject), properties, ConsoleSessions.CookieScheme);
        var client = _server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{cookie.Cookie.Name}={cookie.TicketDataFormat.Protect(ticket)}");
        return client;
    }
}
