using System.Diagnostics;
using System.Reflection;
using Hangfire.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BodyCam.Evidence.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry traces and metrics: ASP.NET Core, HttpClient, EF Core, the .NET runtime, background jobs and
/// the system's own <see cref="EvidenceMetrics"/>, exported to Prometheus and/or OTLP as configured.
/// </summary>
public static class EvidenceTelemetry
{
    public static readonly ActivitySource Source = new(EvidenceMetrics.MeterName);

    public static IServiceCollection AddEvidenceTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = TelemetrySettings.From(configuration);
        services.AddSingleton(settings);
        services.AddMetrics();
        services.AddSingleton<EvidenceMetrics>();
        // Hangfire's global filters are process-wide; a provider of this container's own keeps two hosts in one
        // process (the tests) from timing each other's jobs. Hangfire's server takes the provider from here.
        services.AddSingleton<IJobFilterProvider>(provider => new JobFilterProviderCollection(
            JobFilterProviders.Providers, new JobFilterCollection { new JobTelemetryFilter(provider.GetRequiredService<EvidenceMetrics>()) }));
        if (!settings.Exports)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                settings.ServiceName,
                serviceVersion: typeof(EvidenceTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion))
            .WithTracing(tracing => tracing
                .AddSource(Source.Name)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(EvidenceMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    // Resolved with the meter provider, so the gauges exist before the first collection.
                    .AddInstrumentation(provider => provider.GetRequiredService<EvidenceMetrics>());
                if (settings.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (settings.OtlpEndpoint is { } endpoint)
        {
            // Traces, metrics and logs; for http/protobuf the signal paths (/v1/traces, ...) are appended to the endpoint.
            telemetry.UseOtlpExporter(settings.OtlpProtocol, endpoint);
        }
        return services;
    }

    /// <summary>
    /// <c>GET /metrics</c> in the Prometheus text format, only when <c>Telemetry:Prometheus</c> is on. It is
    /// anonymous, as scrapers expect: expose it on an internal network only.
    /// </summary>
    public static IEndpointRouteBuilder MapEvidenceMetrics(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<TelemetrySettings>().Prometheus)
        {
            endpoints.MapPrometheusScrapingEndpoint(TelemetrySettings.MetricsPath).AllowAnonymous();
        }
        return endpoints;
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(TelemetrySettings.MetricsPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
