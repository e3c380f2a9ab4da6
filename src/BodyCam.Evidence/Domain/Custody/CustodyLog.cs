using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Domain.Custody;

public static class CustodyLog
{
    /// <summary>
    /// Adds a custody event to the current unit of work. It is sealed and committed with the state change
    /// it accompanies, or not at all.
    /// </summary>
    public static void Record(
        this DbSet<CustodyEvent> log,
        CustodyAction action,
        Actor actor,
        Guid? evidenceId = null,
        string? contentSha256 = null,
        string? reason = null,
        CustodyOutcome outcome = CustodyOutcome.Succeeded) =>
        log.Add(CustodyEvent.Pending(action, actor, evidenceId, contentSha256, reason, outcome));

    /// <summary>
    /// Records a refused attempt and commits it at once, then hands back the 403 to throw: the refusal is a
    /// custody event whatever happens to the request afterwards.
    /// </summary>
    public static async Task<ForbiddenException> RefuseAsync(
        this EvidenceDb db, Actor actor, string reason, string detail, Guid? evidenceId, CancellationToken cancellationToken)
    {
        db.CustodyEvents.Record(CustodyAction.AccessDenied, actor, evidenceId, reason: reason, outcome: CustodyOutcome.Denied);
        await db.SaveChangesAsync(cancellationToken);
        return new ForbiddenException(detail);
    }

    /// <summary>As <see cref="RefuseAsync"/>, for a caller whose credentials did not prove who they are (401).</summary>
    public static async Task<UnauthorizedException> RefuseAuthenticationAsync(
        this EvidenceDb db, Actor actor, string reason, string detail, CancellationToken cancellationToken)
    {
        db.CustodyEvents.Record(CustodyAction.AuthenticationFailed, actor, reason: reason, outcome: CustodyOutcome.Denied);
        await db.SaveChangesAsync(cancellationToken);
        return new UnauthorizedException(detail);
    }
}
