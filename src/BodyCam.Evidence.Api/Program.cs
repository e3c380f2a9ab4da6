using BodyCam.Evidence;
using BodyCam.Evidence.Api.Hosting;
using BodyCam.Evidence.Features;
using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Features.Ingestion.Tus;
using BodyCam.Evidence.Infrastructure;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Jobs;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Telemetry;
using BodyCam.Evidence.Verification.Notes;
using Hangfire;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

// A configuration the server cannot run with ends the start with one line naming the key, not a stack trace.
try
{
    // The content root is the application folder, not the working directory, which only decides where ./data lives.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--role"] = "Host:Role" });
    var role = HostRole.From(builder.Configuration);

    // Uploads lift this limit for their own requests (tus, Swift objects); every other body is small.
    var maxRequestBodyBytes = builder.Configuration.Value("Api:MaxRequestBodyBytes", 1024L * 1024);
    if (maxRequestBodyBytes < 1)
    {
        throw new ConfigurationException("Api:MaxRequestBodyBytes must be at least 1.");
    }
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxRequestBodyBytes);
    builder.WebHost.UseSockets(sockets =>
    {
        sockets.WaitForDataBeforeAllocatingBuffer = false;
        sockets.UnsafePreferInlineScheduling = true;
    });
    builder.Services.AddSingleton<IMemoryPoolFactory<byte>, ReceiveBlockPool.Factory>();
    builder.Logging.ClearProviders().AddJsonConsole(json => json.IncludeScopes = true);
    builder.Services.AddEvidence(builder.Configuration);
    if (role.RunsJobs)
    {
        // Checkpoints are due within seconds of the log growing, so the recurring schedule is polled every second.
        builder.Services.AddHangfireServer(server => server.SchedulePollingInterval = TimeSpan.FromSeconds(1));
    }
    if (role.ServesApi)
    {
        builder.Services.AddHostedService<LedgerNodeCacheLoader>();
    }
    builder.Services.AddOpenApi(options => options.CreateSchemaReferenceId = new UniqueSchemaIds().For);
    builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

    var app = builder.Build();

    var settings = app.Services.GetRequiredService<EvidenceSettings>();
    role.EnsureSharedJobStorage(settings);
    // The keys are read (or created) now: a missing or unreadable key must stop the start, not a later job or request.
    _ = app.Services.GetRequiredService<NoteSigner>();
    if (settings.Identity.UsesLocalIssuer)
    {
        _ = LocalSigningKey.LoadOrCreate(settings.Identity.LocalSigningKeyPath);
    }
    if (settings.MigrateOnStartup)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EvidenceMigrator>().ApplyAsync(CancellationToken.None);
    }

    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseTusProtocol();
    app.UseConsoleAssets();
    app.UseRouting();
    app.UseCors();
    app.UseAuthentication();
    app.UseAuthorization();

    app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
    if (role.ServesApi)
    {
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new AdminOnlyDashboardFilter()] })
            .RequireAuthorization(EvidenceServices.AdminPolicy);
        app.MapEvidenceEndpoints();
        app.MapEvidenceConsole();
    }
    app.MapEvidenceMetrics();

    RecurringJobs.Schedule(app.Services.GetRequiredService<IRecurringJobManager>(), settings);

    await app.RunAsync();
    return 0;
}
catch (ConfigurationException misconfigured)
{
    await Console.Error.WriteLineAsync(misconfigured.Message);
    return ConfigurationException.ExitCode;
}

/// <summary>The entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
