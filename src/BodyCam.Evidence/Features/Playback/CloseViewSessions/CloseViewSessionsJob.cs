using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Playback;

/// <summary>
/// Every minute: view sessions idle past <c>Playback:SessionIdle</c> are closed, each with its one <c>ContentViewed</c>
/// custody event listing the ranges served. Sessions live in the database from their first request, so those a
/// crash or a restart left open are closed by the next run like any other; each close is one transaction.
/// </summary>
public sealed class CloseViewSessionsJob(EvidenceDb db, EvidenceSettings settings, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var idle = settings.Playback.SessionIdle;
        var cutoff = now - idle;
        var candidates = await db.ViewSessions.AsNoTracking()
            .Where(s => s.ClosedAt == null && s.LastRequestAt <= cutoff)
            .OrderBy(s => s.LastRequestAt)
            .Select(s => new { s.Id, s.Key })
            .ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var candidate in candidates)
        {
            closed += await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.LockViewSessionsAsync([candidate.Key], ct);
                // A request may have extended (or closed and replaced) the session since it was listed.
                var session = await db.ViewSessions.SingleAsync(s => s.Id == candidate.Id, ct);
                if (session.ClosedAt is not null || !session.IsIdle(now, idle))
                {
                    return 0;
                }
                db.CloseViewSession(session, now);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return 1;
            }, cancellationToken);
        }
        await db.IntegrateRecordedCustodyEventsAsync(cancellationToken);
        return closed;
    }
}
