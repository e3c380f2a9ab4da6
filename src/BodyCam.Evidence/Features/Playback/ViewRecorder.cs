using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Playback;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BodyCam.Evidence.Features.Playback;

/// <summary>What one content request is about to serve, recorded in its viewer's session before a byte of it is sent.</summary>
public sealed record ViewRequest(Actor Viewer, Guid EvidenceId, string ContentSha256, long ContentLength, string Reason, IReadOnlyList<ByteRange> Ranges, DateTimeOffset At)
{
    public string Key { get; } = ViewSession.KeyOf(Viewer, EvidenceId, Reason);
}

/// <summary>
/// Group commit of view sessions. A request that finds no commit running commits its own view at once; requests that
/// arrive while a commit runs are committed together by the next one, in one transaction, and each returns only
/// once its batch has committed. One commit runs at a time in a process, on one database context kept for it, and
/// it remembers the sessions it committed, so that a player's next request extends its session with one statement
/// (<see cref="ViewSessions.RecordViewsAsync"/>). A batch that fails for a reason of its own is retried one request
/// at a time, so that one request's failure is only its own; a database out of reach fails the batch at once.
/// </summary>
public sealed partial class ViewRecorder(IServiceScopeFactory scopes, EvidenceSettings settings, TimeProvider clock, ILogger<ViewRecorder> logger)
    : IAsyncDisposable
{
    /// <summary>About 1 MiB of memory; beyond it, sessions idle past the window are forgotten first (a forgotten one is read again).</summary>
    private const int RememberedSessions = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SessionState> _known = [];
    private List<PendingView> _queue = [];
    private bool _committing;
    private AsyncServiceScope? _scope;

    /// <summary>
    /// Returns once <paramref name="view"/> is durably in its session. A request cancelled before its batch is taken
    /// is left out of it; once taken, the batch commits regardless.
    /// </summary>
    public async Task RecordAsync(ViewRequest view, CancellationToken cancellationToken)
    {
        var pending = new PendingView(view, cancellationToken);
        bool leads;
        lock (_gate)
        {
            _queue.Add(pending);
            leads = !_committing;
            _committing = true;
        }
        if (leads)
        {
            // The leader's own view is in the batch it takes; whatever arrives meanwhile is drained by another thread.
            await CommitNextBatchAsync();
            if (HasMore())
            {
                _ = Task.Run(DrainAsync, CancellationToken.None);
            }
        }
        await pending.Committed.Task;
    }

    public async ValueTask DisposeAsync() => await ForgetAsync();

    private async Task DrainAsync()
    {
        do
        {
            await CommitNextBatchAsync();
        }
        while (HasMore());
    }

    /// <summary>True when requests are waiting, and then the caller goes on committing; false releases the lead.</summary>
    private bool HasMore()
    {
        lock (_gate)
        {
            _committing = _queue.Count > 0;
            return _committing;
        }
    }

    private async Task CommitNextBatchAsync()
    {
        List<PendingView> taken;
        lock (_gate)
        {
            (taken, _queue) = (_queue, []);
        }
        var batch = taken.Where(p => !p.Cancelled).ToList();
        taken.Except(batch).ToList().ForEach(p => p.Committed.TrySetCanceled());
        if (batch.Count == 0)
        {
            return;
        }
        try
        {
            await CommitAsync([.. batch.Select(p => p.View)]);
        }
        catch (Exception failure) when (batch.Count > 1 && failure is not RetryLimitExceededException)
        {
            foreach (var pending in batch)
            {
                await CommitAloneAsync(pending);
            }
            return;
        }
        catch (Exception failure)
        {
            batch.ForEach(p => p.Committed.TrySetException(failure));
            return;
        }
        batch.ForEach(p => p.Committed.TrySetResult());
        await IntegrateAsync();
    }

    private async Task CommitAloneAsync(PendingView pending)
    {
        try
        {
            await CommitAsync([pending.View]);
        }
        catch (Exception failure)
        {
            pending.Committed.TrySetException(failure);
            return;
        }
        pending.Committed.TrySetResult();
        await IntegrateAsync();
    }

    /// <summary>Commits the views and remembers their sessions; nothing after the commit may fail it.</summary>
    private async Task CommitAsync(IReadOnlyList<ViewRequest> views)
    {
        _scope ??= scopes.CreateAsyncScope();
        var db = _scope.Value.ServiceProvider.GetRequiredService<EvidenceDb>();
        IReadOnlyList<SessionState> recorded = [];
        try
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                recorded = await db.RecordViewsAsync(views, _known, settings.Playback.SessionIdle, ct);
                await transaction.CommitAsync(ct);
            }, CancellationToken.None);
        }
        catch
        {
            // Whatever the failed attempt left behind is not known to be committed: the next requests read their sessions.
            await ForgetAsync();
            throw;
        }
        Remember(recorded);
    }

    /// <summary>
    /// A session closed because its viewer came back after the idle window wrote its custody event; the views are
    /// committed and their requests already sending. If sealing fails here, the next round seals the event.
    /// </summary>
    private async Task IntegrateAsync()
    {
        try
        {
            await _scope!.Value.ServiceProvider.GetRequiredService<EvidenceDb>().IntegrateRecordedCustodyEventsAsync(CancellationToken.None);
        }
        catch (Exception failure)
        {
            LogIntegrationFailed(failure);
            await ForgetAsync();
        }
    }

    private async Task ForgetAsync()
    {
        _known.Clear();
        if (_scope is { } scope)
        {
            _scope = null;
            await scope.DisposeAsync();
        }
    }

    private void Remember(IReadOnlyList<SessionState> recorded)
    {
        if (_known.Count + recorded.Count > RememberedSessions)
        {
            var idleSince = clock.GetUtcNow() - settings.Playback.SessionIdle;
            foreach (var stale in _known.Values.Where(s => s.LastRequestAt < idleSince).ToList())
            {
                _known.Remove(stale.Key);
            }
        }
        if (_known.Count + recorded.Count > RememberedSessions)
        {
            _known.Clear();
        }
        foreach (var session in recorded)
        {
            _known[session.Key] = session;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A custody event of a view session closed by a request is committed but not yet in the log; the next round seals it")]
    private partial void LogIntegrationFailed(Exception failure);

    private sealed class PendingView(ViewRequest view, CancellationToken cancellationToken)
    {
        public ViewRequest View { get; } = view;

        public bool Cancelled => cancellationToken.IsCancellationRequested;

        /// <summary>Completed off the committing thread, so that one request's sending never delays the next batch.</summary>
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
