using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BodyCam.Evidence.Infrastructure.Ledger;

/// <summary>
/// Fills the <see cref="LedgerNodeCache"/> once at start, in the background: until it is done, proofs read their
/// nodes from the database. A failure only leaves the cache to fill from the proofs served.
/// </summary>
public sealed partial class LedgerNodeCacheLoader(IServiceScopeFactory scopes, ILogger<LedgerNodeCacheLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var loaded = await scope.ServiceProvider.GetRequiredService<EvidenceDb>().ExtendNodeCacheAsync(limit: null, stoppingToken);
            LogLoaded(loaded);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger node cache loaded: {Count} nodes")]
    private partial void LogLoaded(long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the ledger node cache failed; it fills from the proofs served")]
    private partial void LogFailed(Exception exception);
}
