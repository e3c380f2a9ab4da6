using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Pipeline;
using BodyCam.Evidence.Infrastructure.Problems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Evidence;

/// <summary>
/// A custodian who suspects an item has its stored bytes checked now, not when the schedule makes it due, by the
/// scheduled check itself: the same custody event (naming the custodian), the same quarantine of a changed or missing
/// blob, and the item's next scheduled check an interval after this one. It reads the whole blob, so it commits on its
/// own, as the job does, rather than hold a transaction open for the read.
/// </summary>
[RequiresRole(Roles.Custodian)]
public sealed record CheckFixityNow(Guid EvidenceId) : ICommand<FixityCheckResult>, IEvidenceItemMessage, ICommitsItself;

/// <summary>
/// <see cref="Outcome"/> is <c>Intact</c> (the stored bytes hash to the SHA-256 recorded at receipt), <c>Changed</c>
/// or <c>Missing</c> (the item is now <c>Quarantined</c>); <see cref="Reason"/> is the custody event's.
/// </summary>
public sealed record FixityCheckResult(
    Guid EvidenceId,
    string Outcome,
    DateTimeOffset CheckedAt,
    long ReceivedBytes,
    string ReceivedSha256,
    long? StoredBytes,
    string? StoredSha256,
    string Status,
    string Reason)
{
    public static FixityCheckResult Of(FixityFinding finding) => new(
        finding.EvidenceId, finding.Outcome.ToString(), finding.CheckedAt, finding.ReceivedBytes, finding.ReceivedSha256, finding.StoredBytes,
        finding.StoredSha256, (finding.Outcome == FixityOutcome.Intact ? EvidenceStatus.Verified : EvidenceStatus.Quarantined).ToString(), finding.Reason);
}

internal sealed class CheckFixityNowHandler(EvidenceDb db, CheckFixityJob fixity, ICurrentActor caller) : ICommandHandler<CheckFixityNow, FixityCheckResult>
{
    public async ValueTask<FixityCheckResult> Handle(CheckFixityNow command, CancellationToken cancellationToken)
    {
        if (await fixity.CheckAsync(command.EvidenceId, caller.Actor, dueBefore: null, cancellationToken) is { } finding)
        {
            return FixityCheckResult.Of(finding);
        }
        var item = await db.EvidenceItems.AsNoTracking()
            .Where(e => e.Id == command.EvidenceId)
            .Select(e => new { e.Status, e.Disposition, e.QuarantineReason, e.StreamSha256 })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no evidence item {command.EvidenceId}.");
        var why = item.Status == EvidenceStatus.Quarantined ? $"it is already quarantined: {item.QuarantineReason}"
            : item.Status != EvidenceStatus.Verified ? $"it is {item.Status}: its stored bytes have yet to be verified once"
            : item.Disposition == DispositionState.Purged ? "it was purged: the store no longer holds its bytes"
            : item.Disposition == DispositionState.SoftDeleted ? "it is past its restore window: the purge may be deleting its bytes"
            : "it changed while its bytes were read; ask again";
        db.CustodyEvents.Record(
            CustodyAction.FixityCheckRefused, caller.Actor, command.EvidenceId, item.StreamSha256,
            reason: $"fixity check on demand refused: {why}", outcome: CustodyOutcome.Denied);
        await db.SaveChangesAsync(cancellationToken);
        throw new RefusedConflictException($"Evidence {command.EvidenceId} is not checked: {why}.");
    }
}
