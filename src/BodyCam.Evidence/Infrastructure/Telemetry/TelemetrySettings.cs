using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace BodyCam.Evidence.Infrastructure.Telemetry;

/// <summary>
/// Where telemetry goes: a Prometheus scrape endpoint (<c>GET /metrics</c>) and/or an OTLP collector. With
/// neither, no OpenTelemetry pipeline is built and the database gauges never run.
/// </summary>
public sealed record TelemetrySettings(bool Prometheus, Uri? OtlpEndpoint, OtlpExportProtocol OtlpProtocol, string ServiceName)
{
    public const string MetricsPath = "/metrics";

    public bool Exports => Prometheus || OtlpEndpoint is not null;

    public static TelemetrySettings From(IConfiguration configuration)
    {
        var endpoint = configuration["Telemetry:OtlpEndpoint"];
        Uri? otlpEndpoint = null;
        if (!string.IsNullOrWhiteSpace(endpoint)
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out otlpEndpoint) || otlpEndpoint.Scheme is not ("http" or "https")))
        {
            throw new ConfigurationException("Telemetry:OtlpEndpoint must be an absolute http(s) URL, such as http://collector:4317.");
        }
        return new TelemetrySettings(
            configuration.Value("Telemetry:Prometheus", false),
            otlpEndpoint,
            configuration.Value("Telemetry:OtlpProtocol", OtlpExportProtocol.Grpc),
            configuration["Telemetry:ServiceName"] ?? "bodycam-evidence");
    }
}
