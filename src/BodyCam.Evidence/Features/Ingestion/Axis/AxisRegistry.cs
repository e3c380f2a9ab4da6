using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Problems;

namespace BodyCam.Evidence.Features.Ingestion.Axis;

/// <summary>
/// The users, cameras and system ids an Axis body worn system registers belong to the dock it connects as (one
/// connection file, one dock, one system). Another dock naming the same UUID or serial number is refused, not given
/// a record of its own: a user's UUID is random and a serial number is the camera's, so a second system naming one
/// is a copy, a mistake or an attempt on another system's records, never another person or camera, and a second
/// record would split one person's recordings between two officer ids. A user or camera no dock owns (the migration
/// that scoped the registry found no dock that registered it) is taken over by the first dock that registers it,
/// and that registration's custody event says so.
/// </summary>
internal static class AxisRegistry
{
    /// <summary>Ends the reason of a registration's custody event when the dock took over a record no dock owned.</summary>
    public const string TakenOver = "; it had no owning system and is now this dock's";

    /// <summary>Records the refused attempt and commits it at once, then hands back the 409 to throw.</summary>
    public static async Task<RefusedConflictException> RefuseRegisteredElsewhereAsync(
        this EvidenceDb db, Actor dock, string entry, Guid owner, CancellationToken cancellationToken)
    {
        db.CustodyEvents.Record(
            CustodyAction.AccessDenied, dock,
            reason: $"write of {entry}, registered by dock {owner}",
            outcome: CustodyOutcome.Denied);
        await db.SaveChangesAsync(cancellationToken);
        return new RefusedConflictException($"The {entry} is registered by another body worn system; only that system may change it.");
    }
}
