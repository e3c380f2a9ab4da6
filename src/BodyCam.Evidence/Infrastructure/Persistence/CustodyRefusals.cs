using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Problems;

namespace BodyCam.Evidence.Infrastructure.Persistence;

/// <summary>A refused attempt is a custody event of its own, committed before the refusal is answered.</summary>
public static class CustodyRefusals
{
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
