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
}
