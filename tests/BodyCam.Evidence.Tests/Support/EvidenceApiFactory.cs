using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// The real host, configured through the same keys an operator uses, over a database and a store of its own:
/// a fresh migrated database and an empty data folder or Azurite container.
/// </summary>
public sealed class EvidenceApiFactory(ApiProfile profile, string databaseConnection, IReadOnlyList<(string Key, string Value)> settings)
    : WebApplicationFactory<Program>
{
    private readonly string _container = "api-" + Guid.NewGuid().ToString("N");

    public string DataRoot { get; } = Directory.CreateTempSubdirectory("bodycam-api-").FullName;

    private Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>With <paramref name="overNetwork"/>, the host listens on a loopback port, for clients that are other processes.</summary>
    public static async Task<EvidenceApiFactory> StartAsync(ApiProfile profile, bool overNetwork = false, params (string Key, string Value)[] settings) =>
        await StartAsync(profile, overNetwork, testServices: null, settings);

    /// <summary>With <paramref name="testServices"/>, services the test swaps in: a clock it moves, a fake of what cannot run here.</summary>
    public static async Task<EvidenceApiFactory> StartAsync(
        ApiProfile profile, bool overNetwork, Action<IServiceCollection>? testServices, params (string Key, string Value)[] settings) =>
        await StartOnAsync(profile, overNetwork ? 0 : null, testServices, settings);

    /// <summary>
    /// Listening on a loopback <paramref name="port"/> reserved beforehand (<see cref="FreeLoopbackPort"/>), for settings
    /// that must name the server's own address before it starts, such as an OpenID client registered for its callbacks.
    /// </summary>
    public static async Task<EvidenceApiFactory> StartAsync(
        ApiProfile profile, int port, Action<IServiceCollection>? testServices, params (string Key, string Value)[] settings) =>
        await StartOnAsync(profile, port, testServices, settings);

    private static async Task<EvidenceApiFactory> StartOnAsync(
        ApiProfile profile, int? port, Action<IServiceCollection>? testServices, (string Key, string Value)[] settings)
    {
        var factory = new EvidenceApiFactory(profile, await TestDatabases.CreateAsync(profile.Database), settings) { TestServices = testServices };
        if (port is { } listenOn)
        {
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, listenOn));
        }
        factory.StartServer();
        return factory;
    }

    /// <summary>A loopback port free now, for a server that must know its address before it starts.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<string> RegisterDockAsync()
    {
        var response = await ClientFor(Roles.Admin, "ada").PostAsJsonAsync("/api/docks", new { name = "Dock " + Guid.NewGuid().ToString("N")[..8] });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public HttpClient DockClient(string dockKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Dock-Key", dockKey);
        return client;
    }

    public HttpClient ClientFor(string role, string subject, string? unit = null)
    {
        var client = CreateClient();
        var token = Services.GetRequiredService<LocalTokenIssuer>().Issue(subject, role, unit, null, TimeSpan.FromMinutes(10));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public EvidenceDb OpenDb() => Services.CreateScope().ServiceProvider.GetRequiredService<EvidenceDb>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Data:Root", DataRoot);
        builder.UseSetting("Database:Provider", profile.Database.ToString());
        builder.UseSetting("ConnectionStrings:Evidence", databaseConnection);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Storage:Provider", profile.Storage.ToString());
        builder.UseSetting("Jobs:Storage", profile.Jobs.ToString());
        if (profile.Storage == StorageProvider.AzureBlob)
        {
            builder.UseSetting("ConnectionStrings:Blobs", LocalServices.Azurite);
            builder.UseSetting("Storage:Container", _container);
        }
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (TestServices is { } testServices)
        {
            builder.ConfigureTestServices(testServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (profile.Database == DatabaseProvider.PostgreSql)
        {
            // Each test database has its own pool; idle connections would otherwise outlive the test by minutes.
            await using var connection = new NpgsqlConnection(databaseConnection);
            NpgsqlConnection.ClearPool(connection);
        }
        if (profile.Storage == StorageProvider.AzureBlob)
        {
            await new BlobContainerClient(LocalServices.Azurite, _container).DeleteIfExistsAsync();
        }
        Directory.Delete(DataRoot, recursive: true);
    }
}
