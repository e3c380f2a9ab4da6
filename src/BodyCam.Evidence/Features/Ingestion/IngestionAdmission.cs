using System.Collections.Concurrent;
using System.Security.Claims;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Features.Ingestion;

/// <summary>
/// Back-pressure on ingestion, whatever the protocol: at most Ingestion:MaxConcurrentRequests writing
/// requests in this process, and Ingestion:MaxConcurrentRequestsPerDock from any one dock, so that one dock
/// re-sending everything at once cannot starve the others. A request over either limit is told 503 with
/// Retry-After, which tus clients and Axis system controllers both retry.
/// </summary>
public sealed class IngestionAdmission(EvidenceSettings settings) : IDisposable
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _global = new(settings.Ingestion.MaxConcurrentRequests, settings.Ingestion.MaxConcurrentRequests);
    private readonly ConcurrentDictionary<string, int> _perDock = new(StringComparer.Ordinal);

    /// <summary>An endpoint filter that admits writing requests (reads pass) within the limits.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
        {
            return await next(context);
        }
        var admission = http.RequestServices.GetRequiredService<IngestionAdmission>();
        using var admitted = admission.Admit(http.User.FindFirstValue(EvidenceClaims.Subject) ?? "anonymous");
        return await next(context);
    }

    public IDisposable Admit(string dock)
    {
        if (_perDock.AddOrUpdate(dock, 1, (_, running) => running + 1) > settings.Ingestion.MaxConcurrentRequestsPerDock)
        {
            Leave(dock);
            throw new ServiceUnavailableException(
                $"This dock already has {settings.Ingestion.MaxConcurrentRequestsPerDock} uploads running; send this request again later.", RetryAfter);
        }
        if (!_global.Wait(0))
        {
            Leave(dock);
            throw new ServiceUnavailableException("The server is receiving as many uploads as it takes at once; send this request again later.", RetryAfter);
        }
        return new Admitted(this, dock);
    }

    public void Dispose() => _global.Dispose();

    private void Leave(string dock)
    {
        if (_perDock.AddOrUpdate(dock, 0, (_, running) => running - 1) <= 0)
        {
            _perDock.TryRemove(new KeyValuePair<string, int>(dock, 0));
        }
    }

    private sealed class Admitted(IngestionAdmission admission, string dock) : IDisposable
    {
        public void Dispose()
        {
            admission._global.Release();
            admission.Leave(dock);
        }
    }
}
