using System.Globalization;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Playback;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Playback;

/// <summary>
/// Opening, extending and closing view sessions. The session of a key is locked for the rest of the transaction
/// before it is read, so a request and the closing job never both decide about it: ranges are never added to a
/// session after its custody event was written, and no session is closed twice.
/// </summary>
public static class ViewSessions
{
    private const int MaxCustodyReasonLength = 2000;

    /// <summary>
    /// Adds the ranges about to be served to the caller's open session, or opens one; a session of the same key left
    /// idle past <paramref name="idle"/> is closed first. Runs in the caller's transaction, committed before any byte goes out.
    /// </summary>
    public static async Task RecordViewAsync(
        this EvidenceDb db, Actor viewer, Guid evidenceId, string contentSha256, long contentLength, string reason,
        IReadOnlyList<ByteRange> ranges, DateTimeOffset now, TimeSpan idle, CancellationToken cancellationToken)
    {
        var key = ViewSession.KeyOf(viewer, evidenceId, reason);
        await db.LockViewSessionAsync(key, cancellationToken);
        var session = await db.ViewSessions.SingleOrDefaultAsync(s => s.Key == key && s.ClosedAt == null, cancellationToken);
        if (session is not null && session.IsIdle(now, idle))
        {
            db.CloseViewSession(session, now);
            // The closed row leaves the unique index of open sessions before the new one enters it.
            await db.SaveChangesAsync(cancellationToken);
            session = null;
        }
        if (session is null)
        {
            session = ViewSession.Open(viewer, evidenceId, contentSha256, contentLength, reason, now);
            db.ViewSessions.Add(session);
        }
        session.Serve(ranges, now);
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
