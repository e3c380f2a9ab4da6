using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BodyCam.Evidence.Infrastructure.Storage;

internal sealed class BlobStoreHealthCheck(IBlobStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.CheckReadyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The blob store cannot be reached or written.", e);
        }
    }
}
