using System.Globalization;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Playback;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Playback;

/// <summary>
/// Opening, extending and closing view sessions. A session is read and changed only after its key is locked for the
/// rest of the transaction, so requests (in any process) and the closing job never both decide about it: ranges are
/// never added to a session after its custody event was written, and no session is closed twice.
/// </summary>
public static class ViewSessions
{
    private const int MaxCustodyReasonLength = 2000;

    /// <summary>
    /// Adds what each request is about to serve to its viewer's open session, or opens one; a session left idle past
    /// <paramref name="idle"/> is closed first. The sessions of the requests' keys are locked, in key order, for the
    /// rest of the caller's transaction, which must commit before any of these bytes goes out; returns the sessions
    /// as that commit leaves them. A session in <paramref name="known"/> (as this process last committed it) is
    /// extended by one conditional update instead of being read: it applies only while the row is open and
    /// unchanged, so a session the closing job or another process has touched since is read like any other.
    /// </summary>
    public static async Task<IReadOnlyList<SessionState>> RecordViewsAsync(
        this EvidenceDb db, IReadOnlyList<ViewRequest> views, IReadOnlyDictionary<string, SessionState> known, TimeSpan idle, CancellationToken cancellationToken)
    {
        var byKey = views.GroupBy(v => v.Key).ToList();
        var extensions = new Dictionary<string, (SessionState Before, SessionState After)>();
        foreach (var requests in byKey)
        {
            if (known.GetValueOrDefault(requests.Key) is { } session && requests.Min(v => v.At) - session.LastRequestAt < idle)
            {
                extensions[requests.Key] = (session, session.Extend(requests.SelectMany(v => v.Ranges), requests.Count(), requests.Max(v => v.At)));
            }
        }
        var extended = await db.LockAndExtendViewSessionsAsync(
            [.. byKey.Select(g => g.Key).Order(StringComparer.Ordinal)],
            [.. extensions.Values.Select(e => new SessionExtension(e.Before.Id, e.Before.Requests, e.After.ServedRanges, e.After.Requests, e.After.LastRequestAt))],
            cancellationToken);
        var recorded = extensions.Values.Where(e => extended.Contains(e.Before.Id)).Select(e => e.After).ToList();
        var unknown = byKey.Where(g => !(extensions.TryGetValue(g.Key, out var e) && extended.Contains(e.Before.Id))).ToList();
        if (unknown.Count > 0)
        {
            recorded.AddRange(await ReadAndRecordAsync(db, unknown, idle, cancellationToken));
        }
        return recorded;
    }

    private static async Task<IEnumerable<SessionState>> ReadAndRecordAsync(
        EvidenceDb db, List<IGrouping<string, ViewRequest>> byKey, TimeSpan idle, CancellationToken cancellationToken)
    {
        var keys = byKey.Select(g => g.Key).ToList();
        var open = await db.ViewSessions.Where(s => keys.Contains(s.Key) && s.ClosedAt == null).ToDictionaryAsync(s => s.Key, cancellationToken);
        var sessions = new List<ViewSession>();
        foreach (var requests in byKey)
        {
            // The requests of one key in one batch arrived while one commit ran, and are one session whatever their
            // spread: only the first can find the session idle.
            var first = requests.MinBy(v => v.At)!;
            var session = open.GetValueOrDefault(requests.Key);
            if (session is not null && session.IsIdle(first.At, idle))
            {
                db.CloseViewSession(session, first.At);
                // The closed row leaves the unique index of open sessions before the new one enters it.
                await db.SaveChangesAsync(cancellationToken);
                session = null;
            }
            if (session is null)
            {
                session = ViewSession.Open(first.Viewer, first.EvidenceId, first.ContentSha256, first.ContentLength, first.Reason, first.At);
                db.ViewSessions.Add(session);
            }
            session.Serve(requests.SelectMany(v => v.Ranges), requests.Count(), requests.Max(v => v.At));
            sessions.Add(session);
        }
        await db.SaveChangesAsync(cancellationToken);
        return sessions.Select(SessionState.Of);
    }

    /// <summary>Closes the session with its one <c>ContentViewed</c> custody event, in the current unit of work.</summary>
    public static void CloseViewSession(this EvidenceDb db, ViewSession session, DateTimeOffset now)
    {
        session.Close(now);
        db.CustodyEvents.Record(CustodyAction.ContentViewed, session.Viewer, session.EvidenceId, session.ContentSha256, reason: Describe(session));
    }

    /// <summary>
    /// <c>view session {id}: bytes 0-499,1000-1999 of 52000 (1500 bytes) in 3 requests, {opened} to {last request}; reason: {reason}</c>.
    /// Ranges that would not fit the custody event are summarised; the session row keeps them all.
    /// </summary>
    public static string Describe(ViewSession session)
    {
        var ranges = ByteRange.Parse(session.ServedRanges).ToList();
        var served = ranges.Sum(r => r.Length);
        var head = $"view session {session.Id}: bytes ";
        var tail = string.Create(CultureInfo.InvariantCulture,
            $" of {session.ContentLength} ({served} bytes) in {session.Requests} request{(session.Requests == 1 ? "" : "s")}, " +
            $"{Time(session.OpenedAt)} to {Time(session.LastRequestAt)}; reason: {session.Reason}");
        var listed = ranges.Count == 0 ? "none" : session.ServedRanges;
        if (head.Length + listed.Length + tail.Length > MaxCustodyReasonLength)
        {
            var room = MaxCustodyReasonLength - head.Length - tail.Length - 40;
            var (shown, used) = (0, 0);
            while (shown < ranges.Count && used + ranges[shown].ToString().Length + 1 <= room)
            {
                used += ranges[shown++].ToString().Length + 1;
            }
            listed = string.Create(CultureInfo.InvariantCulture, $"{ByteRange.Format(ranges.Take(shown))},… ({ranges.Count} ranges in all)");
        }
        return head + listed + tail;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>An open session as a commit left it: what the next request of its key needs to extend it without reading it.</summary>
public sealed record SessionState(string Key, Guid Id, string ServedRanges, int Requests, DateTimeOffset LastRequestAt)
{
    public static SessionState Of(ViewSession session) => new(session.Key, session.Id, session.ServedRanges, session.Requests, session.LastRequestAt);

    public SessionState Extend(IEnumerable<ByteRange> ranges, int requests, DateTimeOffset at) => this with
    {
        ServedRanges = ByteRange.Add(ServedRanges, ranges),
        Requests = Requests + requests,
        LastRequestAt = at > LastRequestAt ? at : LastRequestAt,
    };
}
